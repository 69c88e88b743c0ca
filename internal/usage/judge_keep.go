package usage

import (
	"slices"
	"sync"
)

// What a report hands on to the next one that JudgeAgain makes from it
// under the same guidance: besides each unchanged BOM's judgement, the
// candidates when no project's unclaimed packages changed, and what the
// pages made of a BOM, a team's BOMs or the candidates (KeepForBOM,
// KeepForTeam, KeepForCandidates), so that a save of one SBOM in the
// preview does again only what that SBOM changes.

// kept holds what was made of one judgement, by name.
type kept struct {
	mu sync.Mutex
	m  map[string]any
}

// get returns what is kept under name, or makes and keeps it.
func (k *kept) get(name string, make func() any) any {
	k.mu.Lock()
	defer k.mu.Unlock()
	if v, ok := k.m[name]; ok {
		return v
	}
	if k.m == nil {
		k.m = map[string]any{}
	}
	v := make()
	k.m[name] = v
	return v
}

// candidateList is the candidates of one minimum, and what was made of them.
type candidateList struct {
	list []Candidate
	kept kept
}

// KeepForBOM returns what make derives, under name, from b and its
// judgement in r alone (its uses, findings, whether it is stale): made
// once per judgement, and handed back without calling make by a later
// report that takes b's judgement from this one. It calls make every
// time for a BOM r does not hold.
func (r *Report) KeepForBOM(b *BOM, name string, make func() any) any {
	p, ok := r.parts[b]
	if !ok {
		return make()
	}
	return p.kept.get(name, make)
}

// teamKept is what was made of one team's BOMs and their judgements.
type teamKept struct {
	boms []*BOM
	kept kept
}

// KeepForTeam returns what make derives, under name, from the BOMs of
// team in r and their judgements alone: made once, and handed back
// without calling make by a later report that takes the judgement of
// each of the team's BOMs from this one and holds no other BOM of the
// team. It calls make every time for a team r has no BOM of.
func (r *Report) KeepForTeam(team, name string, make func() any) any {
	t, ok := r.teams[team]
	if !ok {
		return make()
	}
	return t.kept.get(name, make)
}

// keepTeams gives each team of r what prev kept for it when every one of
// its BOMs is prev's, judged by prev (taken[b]), and prev had no other.
func (r *Report) keepTeams(prev *Report, taken map[*BOM]bool) {
	r.teams = map[string]*teamKept{}
	for i := 0; i < len(r.BOMs); {
		j := i + 1
		for j < len(r.BOMs) && r.BOMs[j].Team == r.BOMs[i].Team {
			j++
		}
		team, boms := r.BOMs[i].Team, r.BOMs[i:j:j]
		t := &teamKept{boms: boms}
		if old, ok := prev.teamsOf()[team]; ok && slices.Equal(old.boms, boms) && !slices.ContainsFunc(boms, func(b *BOM) bool { return !taken[b] }) {
			t = old
		}
		r.teams[team] = t
		i = j
	}
}

// teamsOf returns what r kept per team; nil for no report.
func (r *Report) teamsOf() map[string]*teamKept {
	if r == nil {
		return nil
	}
	return r.teams
}

// KeepForCandidates returns what make derives, under name, from
// Candidates(min) alone: made once per list of candidates, and handed
// back without calling make by a later report whose candidates are this
// one's.
func (r *Report) KeepForCandidates(min int, name string, make func() any) any {
	return r.candidateList(min).kept.get(name, make)
}

// sameUnclaimed reports whether boms, judged into parts, are r's BOMs
// in r's order, each under the same project name with the very same
// unclaimed packages in the same order: merging them would make r's
// candidates again.
func (r *Report) sameUnclaimed(boms []*BOM, parts []*part) bool {
	if r.unclaimed == nil || len(boms) != len(r.BOMs) {
		return false
	}
	for i, b := range boms {
		old := r.BOMs[i]
		p, ok := r.parts[old]
		if !ok || b.ProjectName() != old.ProjectName() || !slices.Equal(parts[i].unclaimed, p.unclaimed) {
			return false
		}
	}
	return true
}
