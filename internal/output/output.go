// Package output publishes a built site into an output folder safely.
//
// # Staging and publishing
//
// The site is written into a staging folder beside the output folder and
// swapped in at the end, so a failed or interrupted build leaves the
// previous output byte for byte as it was. The output folder carries a
// manifest (.waymark-manifest) listing every file waymark wrote; only those
// files are ever removed, so files a user put there (a CNAME, .well-known/)
// survive. Where the new build writes a path the user also had, the
// build's file wins.
//
// Publish first links the user's files into the staging folder (hard
// links; copies where the file system has none), so that the new output
// holds them before it goes in. It then exchanges the staging folder and
// the output folder in one step where the system can (renameat2 with
// RENAME_EXCHANGE on Linux, renamex_np with RENAME_SWAP on macOS), and by
// two renames elsewhere; last, it deletes the previous output. A build
// killed at any point leaves the output folder holding the previous or the
// new build, each with every user file; after two renames it may be
// missing until the next build puts it back. A user file the new build
// cannot place (the build writes a file where the user has a folder, or
// the other way round) stops Publish before anything moves.
//
// # The spare
//
// A build may keep the output it replaced as a spare, in a folder the
// caller names on the same file system (NewStagingWithSpare; waymark
// build keeps it in the build cache), and the next build starts its
// staging folder from the spare instead of an empty folder: the page
// folders exist already, and only what differs is written, linked or
// removed (spare.go). The staging folder is the same as a fresh one
// before it is published, and the output is never written through a
// file it shares with the spare.
//
// # One build at a time
//
// NewStaging takes the output folder's lock, a file beside it
// (.public.lock for public/) locked with flock (LockFileEx on Windows),
// and holds it until Publish or Discard; the system lets it go when a
// build is killed. A second build of the same output waits for it, as
// long as Wait says, or refuses, naming the build that holds it. The
// clean-up after a killed build runs under the lock, so it never touches
// the staging folder of a live build.
//
// # Recovery
//
// A build killed at any point is repaired by the next NewStaging: a
// previous output moved aside is put back if the new one never went in,
// and otherwise the user files still left in it are carried over before
// it is deleted; abandoned staging folders go, after any user file found
// only there is carried over.
//
// # Refusals
//
// Guard refuses output folders that would destroy the user's work: the
// site folder itself, a folder that contains it, the file system root, the
// home folder, and a non-empty folder without a manifest unless forced;
// GuardSources refuses one inside a folder the site is read from (each
// build would publish the last one again). Guard and NewStaging refuse a
// symbolic link (publishing replaces the output folder, so it would
// replace the link and leave its target stale), anything else that is not
// a folder, and, before anything moves, an output folder that cannot be
// replaced with its user files: one with a folder this process cannot
// write, one on a read-only file system, and a mount point.
package output

// Manifest is the name of the file listing what waymark wrote.
const Manifest = ".waymark-manifest"

const manifestHeader = "# files written by waymark; waymark deletes only these\n"
