package draw

import "cmp"

// Classes are the names the theme's CSS styles the drawings by. Radar and
// Graph take the default for every field left empty, so a theme may rename
// some classes and keep the others.
type Classes struct {
	Radar       string // the radar's <svg> element
	Compact     string // added to Radar on a compact layout's drawing
	Rings       string // the group of rings
	Ring        string // one ring: a circle, or a wedge when one quadrant is drawn
	RingIndex   string // prefix of a ring's index from the centre: ring-0, ring-1, …
	Axes        string // the group of quadrant boundaries
	Axis        string // one quadrant boundary
	RingLabels  string // the group of ring names
	RingLabel   string // one ring name
	Sector      string // a quadrant's group, holding its name and its blips
	SectorIndex string // prefix of a quadrant's index: s-0, s-1, …
	SectorID    string // prefix of a quadrant's id: q-tools, …
	SectorLabel string // a quadrant's name, or the link around it
	SectorColor string // the custom property that carries a quadrant's configured colour
	Blip        string // a blip's link
	Movement    string // prefix of a blip's movement: m-new, m-moved-in, m-moved-out, m-none
	Target      string // a blip's invisible circle, the area that takes a click or tap
	Body        string // a blip's numbered circle
	Marker      string // the ring (new) or half ring (moved) around a blip's body

	Graph          string // the relation graph's <svg> element
	Edge           string // every relation's curve
	Supersedes     string // a "supersedes" relation's curve
	Amends         string // an "amends" relation's curve
	RelatesTo      string // a "relates to" relation's curve
	OtherRelation  string // the curve of a relation with a custom verb
	Node           string // a record's link, holding its box and texts
	NodeStatus     string // prefix of a record's status: status-accepted, …, status-custom
	NodeLabel      string // a record's label ("ADR-0003")
	NodeStatusText string // a record's status written in its box
	Lane           string // a band of the graph, holding its background and title
	LaneLabel      string // a band's title
	Overlay        string // the group of "relates to" curves, which the theme hides until asked
}

// DefaultClasses returns the names the default theme's style.css styles.
func DefaultClasses() Classes {
	return Classes{
		Radar:       "radar-svg",
		Compact:     "compact",
		Rings:       "rings",
		Ring:        "ring",
		RingIndex:   "ring-",
		Axes:        "axes",
		Axis:        "axis",
		RingLabels:  "ring-labels",
		RingLabel:   "ring-label",
		Sector:      "sector",
		SectorIndex: "s-",
		SectorID:    "q-",
		SectorLabel: "sector-label",
		SectorColor: "--c",
		Blip:        "blip",
		Movement:    "m-",
		Target:      "target",
		Body:        "body",
		Marker:      "marker",

		Graph:          "decision-graph",
		Edge:           "edge",
		Supersedes:     "rel-supersedes",
		Amends:         "rel-amends",
		RelatesTo:      "rel-related",
		OtherRelation:  "rel-custom",
		Node:           "node",
		NodeStatus:     "status-",
		NodeLabel:      "label",
		NodeStatusText: "status",
		Lane:           "lane",
		LaneLabel:      "lane-label",
		Overlay:        "related-overlay",
	}
}

// withDefaults fills the empty fields of c from DefaultClasses.
func (c Classes) withDefaults() Classes {
	d := DefaultClasses()
	return Classes{
		Radar:       cmp.Or(c.Radar, d.Radar),
		Compact:     cmp.Or(c.Compact, d.Compact),
		Rings:       cmp.Or(c.Rings, d.Rings),
		Ring:        cmp.Or(c.Ring, d.Ring),
		RingIndex:   cmp.Or(c.RingIndex, d.RingIndex),
		Axes:        cmp.Or(c.Axes, d.Axes),
		Axis:        cmp.Or(c.Axis, d.Axis),
		RingLabels:  cmp.Or(c.RingLabels, d.RingLabels),
		RingLabel:   cmp.Or(c.RingLabel, d.RingLabel),
		Sector:      cmp.Or(c.Sector, d.Sector),
		SectorIndex: cmp.Or(c.SectorIndex, d.SectorIndex),
		SectorID:    cmp.Or(c.SectorID, d.SectorID),
		SectorLabel: cmp.Or(c.SectorLabel, d.SectorLabel),
		SectorColor: cmp.Or(c.SectorColor, d.SectorColor),
		Blip:        cmp.Or(c.Blip, d.Blip),
		Movement:    cmp.Or(c.Movement, d.Movement),
		Target:      cmp.Or(c.Target, d.Target),
		Body:        cmp.Or(c.Body, d.Body),
		Marker:      cmp.Or(c.Marker, d.Marker),

		Graph:          cmp.Or(c.Graph, d.Graph),
		Edge:           cmp.Or(c.Edge, d.Edge),
		Supersedes:     cmp.Or(c.Supersedes, d.Supersedes),
		Amends:         cmp.Or(c.Amends, d.Amends),
		RelatesTo:      cmp.Or(c.RelatesTo, d.RelatesTo),
		OtherRelation:  cmp.Or(c.OtherRelation, d.OtherRelation),
		Node:           cmp.Or(c.Node, d.Node),
		NodeStatus:     cmp.Or(c.NodeStatus, d.NodeStatus),
		NodeLabel:      cmp.Or(c.NodeLabel, d.NodeLabel),
		NodeStatusText: cmp.Or(c.NodeStatusText, d.NodeStatusText),
		Lane:           cmp.Or(c.Lane, d.Lane),
		LaneLabel:      cmp.Or(c.LaneLabel, d.LaneLabel),
		Overlay:        cmp.Or(c.Overlay, d.Overlay),
	}
}

// Font sizes of a blip's number, in viewBox units: smaller for numbers of
// three and four digits, so that they fit the body (radar.BodyRadius).
const (
	numberSize         = 9.0
	numberSizeHundreds = 7.5
	numberSizeThousand = 6.0
)

// nodeCorner is the radius of a record's box's corners on the relation
// graph, in viewBox units; every other size of the graph is the domain's
// (decision.NodeWidth, decision.LineHeight, …), which wraps titles for it.
const nodeCorner = 5.0
