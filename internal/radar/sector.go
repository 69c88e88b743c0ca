package radar

import "math"

// SectorView returns the viewBox and the ring labels of sector j drawn
// alone, enlarged: the labels go beside the more upright of the sector's
// two boundaries, on the outside, where the other sectors would be.
func (l *Layout) SectorView(j int) (Rect, []Label) {
	arc := l.Sectors[j]
	outer := l.Radii[len(l.Radii)-1]
	box := Rect{0, 0, 0, 0}
	for _, a := range []float64{arc.From, arc.To} {
		box = box.Union(pointRect(outer*math.Cos(a), outer*math.Sin(a)))
	}
	for q := math.Ceil(arc.From / (math.Pi / 2)); q*math.Pi/2 <= arc.To; q++ {
		a := q * math.Pi / 2
		box = box.Union(pointRect(outer*math.Cos(a), outer*math.Sin(a)))
	}
	ray, away := arc.From, arc.From-math.Pi/2
	if math.Abs(math.Sin(arc.To)) > math.Abs(math.Sin(arc.From))+1e-9 {
		ray, away = arc.To, arc.To+math.Pi/2
	}
	nx, ny := math.Cos(away), math.Sin(away)
	var labels []Label
	for i, ring := range l.radar.Settings.Rings {
		mid := (l.Radii[i] + l.Radii[i+1]) / 2
		w := textWidth(ring.Title, ringLabelSize)
		h := ringLabelSize * LineHeight
		off := w/2*math.Abs(nx) + h/2*math.Abs(ny) + 6
		for ; ; off += 2 {
			lb := centredLabel([]string{ring.Title}, mid*math.Cos(ray)+nx*off, mid*math.Sin(ray)+ny*off, ringLabelSize)
			if len(labels) == 0 || !lb.Box.Overlaps(labels[len(labels)-1].Box) {
				labels = append(labels, lb)
				box = box.Union(lb.Box)
				break
			}
		}
	}
	box = box.Union(l.SectorLabels[j].Box)
	return pad(box, 8), labels
}

func pointRect(x, y float64) Rect { return Rect{x, y, x, y} }
