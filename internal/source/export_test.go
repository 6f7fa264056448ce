package source

// SetMaxGitBytes lowers the size limit of a clone for a test and restores it after.
func SetMaxGitBytes(n int64) (restore func()) {
	old := maxGitBytes
	maxGitBytes = n
	return func() { maxGitBytes = old }
}
