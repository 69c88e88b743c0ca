package buildcache

import (
	"bytes"
	"testing"

	"github.com/waymark-dev/waymark/internal/readset"
)

func TestStampRoundTrip(t *testing.T) {
	c, _ := open(t, "", "v1")
	st := &Stamp{Options: [32]byte{1}, History: [32]byte{2}, HistoryDir: "docs/adr", Output: [32]byte{3}, Said: []byte(`{"Decisions":2}`),
		Reads: readset.Reads{{Kind: readset.File, Path: "waymark.yaml", Sum: [32]byte{4}}, {Kind: readset.Dir, Path: "decisions"}}}
	if _, ok := c.Stamp("public"); ok {
		t.Fatal("a stamp in an empty cache")
	}
	c.KeepStamp("public", st)
	got, ok := c.Stamp("public")
	if !ok {
		t.Fatal("the stamp kept is not found")
	}
	if !bytes.Equal(got.encode(), st.encode()) {
		t.Errorf("got %+v, want %+v", got, st)
	}
	if _, ok := c.Stamp("other"); ok {
		t.Error("another output folder found the stamp")
	}
	c.DropStamp("public")
	if _, ok := c.Stamp("public"); ok {
		t.Error("a dropped stamp is found")
	}
}

func FuzzDecodeStamp(f *testing.F) {
	f.Add((&Stamp{HistoryDir: "decisions", Said: []byte("{}"), Reads: readset.Reads{{Kind: readset.Stat, Path: "themes/x"}}}).encode())
	f.Add([]byte{stampVersion})
	f.Fuzz(func(t *testing.T, b []byte) {
		st, err := decodeStamp(b)
		if err != nil {
			return
		}
		again, err := decodeStamp(st.encode())
		if err != nil || !bytes.Equal(again.encode(), st.encode()) {
			t.Fatalf("a decoded stamp does not survive encoding: %v", err)
		}
	})
}
