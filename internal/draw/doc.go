// Package draw turns the geometry that the domain packages compute into
// inline SVG. Package radar places rings, quadrants, labels and blips
// (radar.Layout), package decision places records and routes relations
// (decision.Graph); this package decides how they look in markup. The
// drawings carry no colours or strokes of their own, only those that
// waymark.yaml configures: the theme's CSS styles them through the class
// names in Classes, so a theme that renames a class passes its own Classes
// in the options. DefaultClasses are the names the default theme's
// style.css styles; the sections below use them.
//
// Every text and attribute is escaped, so callers may embed the result in
// a page as it is.
//
// # The radar
//
// Radar draws a radar.Layout, or with RadarOptions.Sector one quadrant of
// it enlarged with the ring names beside its boundary:
//
//	svg.radar-svg                  the drawing; role="group", labelled by its <title>
//	  g.rings > .ring.ring-N       one circle (or wedge) per ring, N from 0 at the centre,
//	                               outermost first; a configured ring colour is set as
//	                               style="fill:…"
//	  g.axes > line.axis           the quadrant boundaries
//	  g.ring-labels > text.ring-label
//	  g.sector.s-J.q-ID            one group per quadrant, J its index and ID its id;
//	                               a configured colour is set as style="--c:…"
//	    text.sector-label          the quadrant's name, or a.sector-label around it
//	                               when RadarOptions.SectorHref is set
//	    a.blip.m-MOVEMENT          one link per blip, in reading order, with an
//	                               aria-label ("3. Kafka: Trial, new"), no <title>
//	                               (assistive technology would count it as the link's text);
//	                               data-blip holds the blip's id
//	                               MOVEMENT is new, moved-in, moved-out or none
//	      circle.target            an invisible circle of radar.BlipRadius, the area a click
//	                               or tap hits
//	      circle.body              the blip's body (radar.BodyRadius)
//	      .marker                  a ring around a new blip, half a ring facing the
//	                               centre (moved in) or away from it (moved out)
//	      text                     the blip's number
//
// Each blip's link has the id blip-ID (DRAWING-blip-ID when the drawing's
// RadarOptions.ID is not "radar", so that two drawings on a page keep
// their ids apart), and data-blip="ID", so that a page and its script can
// find the blip of a legend entry; the <title> has the id DRAWING-title.
//
// RadarOptions.Compact adds the class compact to the <svg> and a least
// width of one pixel per unit; Static draws every blip as a g.blip with
// no link (the svg's role is then img); Standalone writes an SVG document
// with its width, height and a <style> of its own (light and dark), for
// an <img> elsewhere.
//
// # The relation graph
//
// Graph draws a decision.Graph: its lanes as bands, every record that has
// relations as a box that links to its page, every relation as a curve.
//
//	svg.decision-graph             the drawing; role="group", labelled by its <title>
//	                               (id decision-graph-title); font-size decision.FontSize
//	  marker#arrow                 the arrowhead; a theme's page may reuse it in a key
//	                               as marker-end="url(#arrow)"
//	  g.lane                       one band per lane (a status, or a category folder),
//	    rect                       the band, as wide as the drawing
//	    text.lane-label            its title
//	  path.edge.rel-VERB           one curve per supersession, amendment or custom
//	                               relation, from the record that states it in the
//	                               active voice, with an arrowhead; VERB is supersedes,
//	                               amends, or custom for any other verb; its <title>
//	                               says the relation
//	  g.related-overlay            the "relates to" curves (path.edge.rel-related, no
//	                               arrowhead), once per pair; the default theme hides
//	                               the group until the reader asks for it
//	  a.node.status-STATUS         one link per record; STATUS is one of
//	                               decision.Statuses(), or custom; its aria-label is its
//	                               visible text in reading order (label, status, title)
//	    rect                       the box (decision.NodeWidth by GraphNode.Height)
//	    text.label                 the record's label, then text.status its status
//	                               (beside the label, or under it when it does not fit)
//	    text > tspan               its whole title, one tspan per line as the domain
//	                               wrapped it
//
// Font sizes and text anchors are presentation attributes, which the
// theme's CSS overrides if it sets them; the blip number's size shrinks for
// numbers of three and four digits.
package draw
