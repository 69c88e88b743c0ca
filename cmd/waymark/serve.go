package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"

	"github.com/waymark-dev/waymark/internal/incremental"
	"github.com/waymark-dev/waymark/internal/preview"
)

func runServe(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flags("serve", stdout, stderr)
	sf := addSiteFlags(fs, "absolute `URL` for the feed, sitemap and canonical links (default: the preview's own address)")
	addr := fs.String("addr", "127.0.0.1:1313", "`address` to listen on; a missing host means 127.0.0.1, port 0 picks a free port")
	open := fs.Bool("open", false, "open the preview in the default browser")
	allow := fs.String("allow-host", "", "comma-separated host `names` that requests may use besides localhost, 127.0.0.1 and [::1] (with --addr beyond loopback)")
	if err := parse(fs, args); err != nil {
		return helpOK(err)
	}
	if fs.NArg() > 0 {
		return usageError(fs, fmt.Errorf("serve takes no arguments, got %q", fs.Args()))
	}
	if info, err := os.Stat(*sf.dir); err != nil || !info.IsDir() {
		return fmt.Errorf("--site %s: not a folder", *sf.dir)
	}
	listen, err := preview.ListenAddr(*addr)
	if err != nil {
		return fmt.Errorf("--addr: %w", err)
	}
	var hosts []string
	for h := range strings.SplitSeq(*allow, ",") {
		if h = strings.TrimSpace(h); h != "" {
			hosts = append(hosts, h)
		}
	}
	if !preview.IsLoopback(listen) {
		fmt.Fprintf(stderr, "warning: listening on %s, not only on this machine: anyone who can reach it can read the site; requests must name localhost, this address or a name given with --allow-host\n", listen)
		if host, _, _ := net.SplitHostPort(listen); net.ParseIP(host) == nil || !net.ParseIP(host).IsUnspecified() {
			hosts = append(hosts, host)
		}
	}

	srv := &preview.Server{Addr: listen, Dir: *sf.dir, Source: os.DirFS(*sf.dir), Hosts: hosts, Log: stderr}
	var in *incremental.Incremental
	srv.Rebuild = func(changed []string) preview.Result {
		if in == nil {
			opts := sf.options()
			if opts.BaseURL == "" {
				// Links in the feed, sitemap and 404 page point at the preview.
				opts.BaseURL = srv.URL()
			}
			in = incremental.New(opts)
		}
		s, files, err := in.Build(changed)
		return preview.Result{Files: files, Problems: s.Problems.Sorted(), Err: err}
	}
	if err := srv.Open(); err != nil {
		if errors.Is(err, syscall.EADDRINUSE) {
			return fmt.Errorf("%s is already in use: pass another with --addr (--addr 127.0.0.1:0 picks a free port)", listen)
		}
		return err
	}
	where, _ := filepath.Abs(*sf.dir)
	fmt.Fprintf(stdout, "previewing the site in %s at %s (every save reloads the page; Ctrl-C stops)\n", where, srv.URL())
	if *open {
		if err := openBrowser(srv.URL()); err != nil {
			fmt.Fprintf(stderr, "warning: cannot open a browser: %v\n", err)
		}
	}
	<-ctx.Done()
	fmt.Fprintln(stdout, "stopping")
	return srv.Close()
}

// openBrowser opens url in the desktop's default browser.
func openBrowser(url string) error {
	var cmd *exec.Cmd
	switch runtime.GOOS {
	case "darwin":
		cmd = exec.Command("open", url)
	case "windows":
		cmd = exec.Command("rundll32", "url.dll,FileProtocolHandler", url)
	default:
		cmd = exec.Command("xdg-open", url)
	}
	if err := cmd.Start(); err != nil {
		return err
	}
	go func() { _ = cmd.Wait() }()
	return nil
}
