// Package interview runs a mock interview round offline and repeatably from the packs: a
// timed sequence of phases modelled on an ML engineer loop, follow-ups chosen from what an
// answer missed, claims probed up their ladder, and a scorecard from patterns across the
// answers. It grades with the drill's engine (package score) and is pure: the clock, the
// store and the terminal are the caller's.
package interview

import (
	"fmt"
	"time"
)

// Phase is a part of the round.
type Phase int

const (
	Pitch        Phase = iota // "Tell me about yourself"
	Claims                    // each claimed strength, climbed from junior to senior
	Fundamentals              // ML fundamentals: ensembles, trees, what the packs hold
	Testing                   // testing ML code
	Deployment                // deployment and production thinking, a scenario first
	Behavioural               // STAR-shaped behavioural questions
	Questions                 // "Do you have questions for us?"
	NumPhases
)

var phaseNames = [NumPhases]string{"Tell me about yourself", "Your claims, probed", "ML fundamentals",
	"Testing ML code", "Deployment and production", "Behavioural", "Your questions for us"}

func (p Phase) String() string {
	if p >= 0 && p < NumPhases {
		return phaseNames[p]
	}
	return fmt.Sprintf("phase %d", int(p))
}

// Competency is what the scorecard rates.
type Competency string

const (
	CompFundamentals  Competency = "fundamentals"
	CompTesting       Competency = "testing"
	CompDeployment    Competency = "deployment"
	CompCommunication Competency = "communication"
	CompClaims        Competency = "claims"
)

// Competencies in scorecard order.
var Competencies = []Competency{CompFundamentals, CompTesting, CompDeployment, CompCommunication, CompClaims}

var competencyNames = map[Competency]string{
	CompFundamentals:  "ML fundamentals",
	CompTesting:       "Testing ML code",
	CompDeployment:    "Deployment and production",
	CompCommunication: "Communication and behaviour",
	CompClaims:        "Claims verified",
}

// Name is the competency as the scorecard heads it.
func (c Competency) Name() string { return competencyNames[c] }

// Competency is what a phase's answers are evidence of.
func (p Phase) Competency() Competency {
	switch p {
	case Fundamentals:
		return CompFundamentals
	case Testing:
		return CompTesting
	case Deployment:
		return CompDeployment
	case Claims:
		return CompClaims
	}
	return CompCommunication
}

// weights share a round's time among the phases, in 45ths: an ML engineer loop spends
// about 2 minutes on the pitch, 7 probing claims, 11 on fundamentals, 7 on testing, 9 on
// deployment, 6 on behavioural questions and 3 on the candidate's questions.
var weights = [NumPhases]int{2, 7, 11, 7, 9, 6, 3}

// Floors: the pitch is always the two minutes it is rehearsed in, and the candidate always
// has a minute for their questions.
const (
	pitchFloor     = 2 * time.Minute
	questionsFloor = time.Minute
	MinMinutes     = 10
	MaxMinutes     = 120
)

// Budget shares a round of total time among the phases. Without claims their share goes to
// fundamentals. Budgets are whole multiples of 10 seconds and add up to total.
func Budget(total time.Duration, hasClaims bool) [NumPhases]time.Duration {
	w := weights
	if !hasClaims {
		w[Fundamentals] += w[Claims]
		w[Claims] = 0
	}
	var out [NumPhases]time.Duration
	out[Pitch] = pitchFloor
	out[Questions] = max(questionsFloor, total*time.Duration(w[Questions])/45).Round(10 * time.Second)
	rest := total - out[Pitch] - out[Questions]
	sum := 0
	for p := Claims; p < Questions; p++ {
		sum += w[p]
	}
	used := out[Pitch] + out[Questions]
	for p := Claims; p < Questions; p++ {
		out[p] = (rest * time.Duration(w[p]) / time.Duration(sum)).Truncate(10 * time.Second)
		used += out[p]
	}
	out[Fundamentals] += total - used // rounding left over
	return out
}
