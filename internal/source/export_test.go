package source

// SetMaxGitBytes lowers the size limit of a clone for a test and restores it after.
func SetMaxGitBytes(n int64) (restore func()) {
	old := maxGitBytes
	maxGitBytes = n
	return func() { maxGitBytes = old }
}

// SetMaxFiles lowers the pack-file limit of a source for a test and restores it after.
func SetMaxFiles(n int) (restore func()) {
	old := maxFiles
	maxFiles = n
	return func() { maxFiles = old }
}
