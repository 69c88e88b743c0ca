package annotation_test

import (
	"bytes"
	"errors"
	"testing"

	"github.com/waymark-dev/waymark/internal/annotation"
	"github.com/waymark-dev/waymark/internal/diag"
)

func TestWrite(t *testing.T) {
	var buf bytes.Buffer
	err := annotation.Write(&buf, "docs", []*diag.Problem{
		diag.Errorf("radar/kafka.md", 4, "use one of adopt, hold", "unknown ring %q", "hodl"),
		diag.Policyf("radar/mongo.md", 5, "", "licence %s is denied", "SSPL-1.0"),
		diag.Warnf("decisions/0001-a,b.md", 3, "fix it", "100%% of it\nis wrong"),
		diag.As("waymark.yaml", errors.New("cannot read")),
	})
	if err != nil {
		t.Fatal(err)
	}
	want := `::error file=docs/radar/kafka.md,line=4,title=waymark/unknown-ring::unknown ring "hodl"; use one of adopt, hold
::error file=docs/radar/mongo.md,line=5,title=waymark/licence-is-denied::licence SSPL-1.0 is denied
::warning file=docs/decisions/0001-a%2Cb.md,line=3,title=waymark/100-of-it-is-wrong::100%25 of it%0Ais wrong; fix it
::error file=docs/waymark.yaml,title=waymark/error::cannot read
`
	if buf.String() != want {
		t.Errorf("got\n%s\nwant\n%s", buf.String(), want)
	}
}
