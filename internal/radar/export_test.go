package radar

// CheckLayout lets the external tests check a layout as the package's own do.
var CheckLayout = checkLayout
