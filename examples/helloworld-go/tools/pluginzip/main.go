// Command pluginzip writes a plugin zip: each named file at the zip root,
// keeping its Unix permission bits (hosts make the entrypoint executable
// from them) and a fixed timestamp so that equal inputs give equal zips.
//
// Usage: pluginzip OUT.zip FILE...
package main

import (
	"archive/zip"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"
)

// fixedTime is the modification time of every entry (zip's epoch is 1980).
var fixedTime = time.Date(1980, time.January, 1, 0, 0, 0, 0, time.UTC)

func main() {
	if len(os.Args) < 3 {
		fmt.Fprintln(os.Stderr, "usage: pluginzip OUT.zip FILE...")
		os.Exit(2)
	}
	if err := writeZip(os.Args[1], os.Args[2:]); err != nil {
		fmt.Fprintln(os.Stderr, "pluginzip:", err)
		os.Exit(1)
	}
}

func writeZip(out string, files []string) error {
	tmp := out + ".tmp"
	f, err := os.Create(tmp)
	if err != nil {
		return err
	}
	defer os.Remove(tmp)
	archive := zip.NewWriter(f)
	for _, name := range files {
		if err := addFile(archive, name); err != nil {
			f.Close()
			return fmt.Errorf("adding %s: %v", name, err)
		}
	}
	if err := archive.Close(); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	return os.Rename(tmp, out)
}

func addFile(archive *zip.Writer, name string) error {
	info, err := os.Stat(name)
	if err != nil {
		return err
	}
	if !info.Mode().IsRegular() {
		return fmt.Errorf("not a regular file")
	}
	header, err := zip.FileInfoHeader(info)
	if err != nil {
		return err
	}
	header.Name = filepath.Base(name)
	header.Method = zip.Deflate
	header.Modified = fixedTime
	w, err := archive.CreateHeader(header)
	if err != nil {
		return err
	}
	in, err := os.Open(name)
	if err != nil {
		return err
	}
	defer in.Close()
	_, err = io.Copy(w, in)
	return err
}
