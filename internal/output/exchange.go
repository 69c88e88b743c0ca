package output

import "errors"

// errNoExchange says that two folders cannot be swapped in one step here;
// Publish then takes two renames.
var errNoExchange = errors.New("exchanging folders is not supported")
