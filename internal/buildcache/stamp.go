package buildcache

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"path/filepath"

	"github.com/waymark-dev/waymark/internal/output"
	"github.com/waymark-dev/waymark/internal/readset"
)

// A Stamp is what a build keeps of itself for the next build of the same
// site into the same output folder: what it read, what else its output
// depends on, the fingerprint of the output it published and what it
// said. When every question it asked of the site folder gets the same
// answer again (readset), the options and the git history are the same
// and the output folder still has the fingerprint, the next build would
// publish these very bytes: it says again what this one said and leaves
// the folder as it is, without parsing a file.
//
// A stamp is an entry of the cache like the others, checksummed, under a
// key made of waymark's executable and the output folder's absolute path,
// so another waymark never reads it and each output folder has its own.
type Stamp struct {
	// Options is a digest of everything else the output is made from:
	// the command's options (--base-url, --decisions) and the day, which
	// exceptions and the age of reviews and SBOMs are judged on.
	Options [32]byte
	// Reads are the questions the build asked of the site folder.
	Reads readset.Reads
	// History is a digest of the git history of HistoryDir the build was
	// given; zero when it read none.
	History    [32]byte
	HistoryDir string
	// Output is the output folder as the build left it.
	Output output.Fingerprint
	// Said is what the build printed, for the caller to say again.
	Said []byte
}

const stampVersion = 1

// stampKey is the key of the stamp of the output folder out.
func (c *Cache) stampKey(out string) ([32]byte, error) {
	abs, err := filepath.Abs(out)
	if err != nil {
		return [32]byte{}, err
	}
	h := newHasher()
	h.key(c.version)
	h.str(abs)
	return h.sum(), nil
}

// Stamp returns the stamp of the last build into out, if there is one.
func (c *Cache) Stamp(out string) (*Stamp, bool) {
	key, err := c.stampKey(out)
	if err != nil {
		return nil, false
	}
	data, ok := c.get("stamp", key)
	if !ok {
		return nil, false
	}
	st, err := decodeStamp(data)
	if err != nil {
		c.warnf("build cache: the stamp of %s is damaged (%v); building", out, err)
		return nil, false
	}
	return st, true
}

// KeepStamp keeps st as the stamp of out, replacing the last one.
func (c *Cache) KeepStamp(out string, st *Stamp) {
	if key, err := c.stampKey(out); err == nil {
		c.put("stamp", key, st.encode())
	}
}

// DropStamp removes the stamp of out: a build that leaves no stamp of its
// own must not leave the last one standing for what it published.
func (c *Cache) DropStamp(out string) {
	if key, err := c.stampKey(out); err == nil {
		c.remove("stamp", key)
	}
}

func (st *Stamp) encode() []byte {
	b := []byte{stampVersion}
	b = append(b, st.Options[:]...)
	b = append(b, st.History[:]...)
	b = append(b, st.Output[:]...)
	b = binary.AppendUvarint(b, uint64(len(st.HistoryDir)))
	b = append(b, st.HistoryDir...)
	b = binary.AppendUvarint(b, uint64(len(st.Said)))
	b = append(b, st.Said...)
	return st.Reads.Append(b)
}

var errStamp = errors.New("not a stamp of this version")

func decodeStamp(b []byte) (*Stamp, error) {
	if len(b) < 1+3*sha256.Size || b[0] != stampVersion {
		return nil, errStamp
	}
	st := &Stamp{}
	b = b[1:]
	b = b[copy(st.Options[:], b):]
	b = b[copy(st.History[:], b):]
	b = b[copy(st.Output[:], b):]
	var dir, said []byte
	var ok bool
	if dir, b, ok = chunk(b); !ok {
		return nil, errStamp
	}
	if said, b, ok = chunk(b); !ok {
		return nil, errStamp
	}
	st.HistoryDir, st.Said = string(dir), said
	reads, rest, err := readset.Decode(b)
	if err != nil || len(rest) > 0 {
		return nil, errStamp
	}
	st.Reads = reads
	return st, nil
}

// SpareDir is where builds into the output folder out keep the output
// they replaced (output.NewStagingWithSpare): in the cache folder, one
// per output folder, outside the entries that trimming counts. Its files
// are mostly links to the output's own, so it takes little room.
func (c *Cache) SpareDir(out string) string {
	abs, err := filepath.Abs(out)
	if err != nil {
		return ""
	}
	sum := sha256.Sum256([]byte(abs))
	return filepath.Join(c.dir, "spare", hex.EncodeToString(sum[:8]))
}
