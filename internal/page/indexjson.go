package page

import (
	"bytes"
	"encoding/json"
	"fmt"
	"slices"

	"github.com/waymark-dev/waymark/internal/site"
	"github.com/waymark-dev/waymark/internal/usage"
)

// EncodeIndex returns /index.json: Index(s) as encoding/json's Encoder
// writes it (compact, <, > and & escaped, a final newline), byte for
// byte. At a few hundred SBOMs the usage part is most of it (6 MB at
// 200 SBOMs of 1,500 components, 5 MB of that candidates), so each
// project's part and the candidates are encoded once per judgement and
// kept with it in the usage report (usage.Report.KeepForBOM,
// KeepForCandidates): a later report that takes them over, as the
// preview's after a save of one SBOM, encodes only what changed.
func EncodeIndex(s *site.Site) ([]byte, error) {
	if s.Usage == nil || len(s.Usage.Report.BOMs) == 0 {
		var b bytes.Buffer
		err := json.NewEncoder(&b).Encode(Index(s))
		return b.Bytes(), err
	}
	// Everything but the usage part's two lists, which end the index.
	idx := index(s, false)
	var b bytes.Buffer
	if err := json.NewEncoder(&b).Encode(idx); err != nil {
		return nil, err
	}
	const tail = `[],"candidates":[]}}` + "\n"
	head, ok := bytes.CutSuffix(b.Bytes(), []byte(tail))
	if !ok {
		return nil, fmt.Errorf("index.json: the usage part is not where it was expected")
	}
	r := s.Usage.Report
	var per map[*usage.BOM]*bomUsage // grouped only when a project is encoded again
	parts := make([][]byte, 0, len(r.BOMs)+1)
	size := len(head)
	for _, bom := range r.BOMs {
		stale := slices.Contains(r.Stale, bom)
		kept := r.KeepForBOM(bom, fmt.Sprintf("index.json stale=%v", stale), func() any {
			if per == nil {
				per = usageByBOM(r)
			}
			return encoded(projectJSON(bom, per[bom], stale))
		}).(encodedJSON)
		if kept.err != nil {
			return nil, kept.err
		}
		parts = append(parts, kept.data)
		size += len(kept.data) + 1
	}
	min := s.Config.Usage.Candidates
	cands := r.KeepForCandidates(min, "index.json", func() any { return encoded(candidatesJSON(r.Candidates(min))) }).(encodedJSON)
	if cands.err != nil {
		return nil, cands.err
	}
	out := make([]byte, 0, size+len(`],"candidates":`)+len(cands.data)+len("}}\n"))
	out = append(out, head...)
	out = append(out, '[')
	for i, p := range parts {
		if i > 0 {
			out = append(out, ',')
		}
		out = append(out, p...)
	}
	out = append(out, `],"candidates":`...)
	out = append(out, cands.data...)
	return append(out, "}}\n"...), nil
}

// encodedJSON is a value as encoding/json encodes it inside the index.
type encodedJSON struct {
	data []byte
	err  error
}

func encoded(v any) encodedJSON {
	data, err := json.Marshal(v) // escapes as the Encoder does
	return encodedJSON{data, err}
}
