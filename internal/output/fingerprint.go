package output

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/binary"
	"os"
	"path/filepath"
	"strings"
)

// A Fingerprint is a digest of an output folder as a build left it: its
// manifest, and for every file the manifest lists its size, mode,
// modification and change times and file identity. Writing a file, even
// with its old modification time restored, changes its change time;
// replacing or removing one changes its identity. A later build compares
// fingerprints to know that the folder still holds what it published
// without reading the files (buildcache.Stamp); the user's own files in
// the folder are not part of it, as Publish keeps them.
type Fingerprint [32]byte

// fingerprint returns the fingerprint of the output folder out, and false
// when out is no published output (no manifest) or a file it lists is
// missing.
func fingerprint(out string) (Fingerprint, bool) {
	info, err := os.Lstat(out)
	if err != nil || !info.IsDir() {
		return Fingerprint{}, false
	}
	manifest, err := os.ReadFile(filepath.Join(out, Manifest))
	if err != nil {
		return Fingerprint{}, false
	}
	h := sha256.New()
	var b []byte
	b = binary.LittleEndian.AppendUint32(b, uint32(info.Mode()))
	b = binary.LittleEndian.AppendUint64(b, uint64(len(manifest)))
	h.Write(b)
	h.Write(manifest)
	lines := bytes.Split(manifest, []byte("\n"))
	for i, line := range lines {
		name := string(line)
		if name == "" || i == 0 && strings.HasPrefix(name, "#") {
			continue
		}
		local, err := filepath.Localize(name)
		if err != nil {
			return Fingerprint{}, false
		}
		fi, err := os.Lstat(filepath.Join(out, local))
		if err != nil {
			return Fingerprint{}, false
		}
		b = b[:0]
		b = binary.LittleEndian.AppendUint32(b, uint32(fi.Mode()))
		b = binary.LittleEndian.AppendUint64(b, uint64(fi.Size()))
		b = binary.LittleEndian.AppendUint64(b, uint64(fi.ModTime().UnixNano()))
		b = appendIdentity(b, fi)
		h.Write(b)
	}
	return Fingerprint(h.Sum(nil)), true
}

// PublishNoting is Publish, and returns the fingerprint of the output
// folder as this build left it, taken before the lock goes, so that no
// other build's output can be taken for this one's. The fingerprint is
// zero when it cannot be taken.
func (s *Staging) PublishNoting() (Fingerprint, error) {
	defer s.lock.release()
	if err := s.publish(); err != nil {
		return Fingerprint{}, err
	}
	fp, _ := fingerprint(s.out)
	return fp, nil
}

// Intact reports whether the output folder out still has the fingerprint
// fp: no file of the build that left fp was written, replaced or removed
// since. It waits for the output folder's lock as NewStaging does, and
// answers false when a killed build left folders to repair (the next
// build repairs them).
func Intact(ctx context.Context, out string, wait Wait, fp Fingerprint) (bool, error) {
	out = filepath.Clean(out)
	if fp == (Fingerprint{}) {
		return false, nil
	}
	if _, err := os.Lstat(out); err != nil {
		return false, nil
	}
	if err := checkParent(out); err != nil {
		return false, err
	}
	l, err := takeLock(ctx, out, wait)
	if err != nil {
		return false, err
	}
	defer l.release()
	if leftovers(out) {
		return false, nil
	}
	now, ok := fingerprint(out)
	return ok && now == fp, nil
}
