package cli

import "time"

// envClock reads HOTSEAT_NOW, an RFC 3339 instant: the CLI and the trainer take it as the
// time the process started at, and the clock runs on from it in real time, so that the
// trainer's countdowns still tick while due dates, streaks, "today" and the times of
// recorded reviews all follow the instant given. Days are counted in the local time zone
// (TZ), as with the real clock: the offset in the value only fixes the instant. Empty
// means the real clock.
func envClock(v string) (func() time.Time, error) {
	if v == "" {
		return time.Now, nil
	}
	t, err := time.Parse(time.RFC3339, v)
	if err != nil {
		return nil, usageError("HOTSEAT_NOW wants an RFC 3339 time like 2026-12-24T09:00:00Z, got %q", v)
	}
	start := time.Now()
	t = t.Local()
	return func() time.Time { return t.Add(time.Since(start)) }, nil
}
