package tui

import "charm.land/bubbles/v2/key"

// Keys are every key binding of the app. Each screen lists the ones that work on it, and
// that list is also its help bar: a key that works is a key that is shown.
type Keys struct {
	Quit      key.Binding // ctrl+c, everywhere
	QuitQ     key.Binding // q, on screens without an answer box
	Help      key.Binding
	Up        key.Binding
	Down      key.Binding
	Move      key.Binding // help only: ↑/↓ (and k/j) move
	Enter     key.Binding
	Back      key.Binding
	Submit    key.Binding
	Newline   key.Binding
	Skip      key.Binding
	Leave     key.Binding // ctrl+x: leave the set, on a question with an answer box
	LeaveQ    key.Binding // q: leave the set, on choice questions
	LeaveRev  key.Binding // esc or q: leave the set, on the reveal screen
	Home      key.Binding // esc or q: back to the home screen
	Done      key.Binding // enter, esc or q: from the summary to the home screen
	Pick      key.Binding // 1-9 on choice questions
	Toggle    key.Binding // space on choice questions and the aloud checklist
	Tick      key.Binding // 1-9 on the aloud checklist
	DoneTicks key.Binding
	Scroll    key.Binding // help only: ↑/↓ pgup/pgdn scroll
	PageUp    key.Binding
	PageDown  key.Binding
	// PgUp and PgDown are the page keys alone, for screens where b and f are letters
	// being typed.
	PgUp   key.Binding
	PgDown key.Binding
	Rate   [4]key.Binding
	Accept key.Binding
	Retry  key.Binding
	// Correct opens the key-point checklist on a typed answer, to fix the grader's ticks.
	Correct    key.Binding
	SavePhrase key.Binding // enter: save the words as a personal synonym
	SkipPhrase key.Binding // esc: do not save them
	Yes        key.Binding
	No         key.Binding
	Add        key.Binding
	EditTags   key.Binding
	Delete     key.Binding
	LoadCV     key.Binding // l on About you: read a CV and offer its claims
	// PickFollowUp cycles the follow-up a partner asks next in a round's pair mode.
	PickFollowUp key.Binding
	// Undo takes the last rating back, right after it: on the next question (ctrl+z only
	// where u is a letter being typed) or on the summary.
	Undo       key.Binding
	UndoTyping key.Binding // ctrl+z: Undo where u is a letter being typed
	Redo       key.Binding // r on the summary: the missed questions again, as practice
	Stats      key.Binding // s on home: the progress screen
	PrevAnswer key.Binding // h on the reveal: your last typed answer to the question
}

// DefaultKeys returns the key map.
func DefaultKeys() Keys {
	return Keys{
		Quit:       key.NewBinding(key.WithKeys("ctrl+c"), key.WithHelp("ctrl+c", "quit")),
		Undo:       key.NewBinding(key.WithKeys("u", "ctrl+z"), key.WithHelp("u", "undo the rating")),
		UndoTyping: key.NewBinding(key.WithKeys("ctrl+z"), key.WithHelp("ctrl+z", "undo the rating")),
		Redo:       key.NewBinding(key.WithKeys("r"), key.WithHelp("r", "drill the misses again")),
		Stats:      key.NewBinding(key.WithKeys("s"), key.WithHelp("s", "progress")),
		PrevAnswer: key.NewBinding(key.WithKeys("h"), key.WithHelp("h", "your last answer")),
		QuitQ:      key.NewBinding(key.WithKeys("q"), key.WithHelp("q", "quit")),
		Help:       key.NewBinding(key.WithKeys("?"), key.WithHelp("?", "more")),
		Up:         key.NewBinding(key.WithKeys("up", "k"), key.WithHelp("↑/k", "up")),
		Down:       key.NewBinding(key.WithKeys("down", "j"), key.WithHelp("↓/j", "down")),
		Move:       key.NewBinding(key.WithKeys("up", "down", "k", "j"), key.WithHelp("↑/↓", "move")),
		Enter:      key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "start")),
		Back:       key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "back")),
		Submit:     key.NewBinding(key.WithKeys("ctrl+s", "ctrl+d"), key.WithHelp("ctrl+s/ctrl+d", "submit (empty: aloud)")),
		Newline:    key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "new line")),
		Skip:       key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "skip")),
		Leave:      key.NewBinding(key.WithKeys("ctrl+x"), key.WithHelp("ctrl+x", "leave set")),
		LeaveQ:     key.NewBinding(key.WithKeys("q"), key.WithHelp("q", "leave set")),
		LeaveRev:   key.NewBinding(key.WithKeys("esc", "q"), key.WithHelp("esc/q", "leave set")),
		Home:       key.NewBinding(key.WithKeys("esc", "q"), key.WithHelp("esc/q", "home")),
		Done:       key.NewBinding(key.WithKeys("enter", "esc", "q"), key.WithHelp("enter/q", "home")),
		Pick:       key.NewBinding(key.WithKeys("1", "2", "3", "4", "5", "6", "7", "8", "9"), key.WithHelp("1-9", "pick")),
		Toggle:     key.NewBinding(key.WithKeys("space"), key.WithHelp("space", "toggle")),
		Tick:       key.NewBinding(key.WithKeys("1", "2", "3", "4", "5", "6", "7", "8", "9"), key.WithHelp("1-9/space", "tick what you said")),
		DoneTicks:  key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "done ticking")),
		Scroll:     key.NewBinding(key.WithKeys("up", "down"), key.WithHelp("↑/↓ pgup/pgdn", "scroll")),
		PageUp:     key.NewBinding(key.WithKeys("pgup", "b"), key.WithHelp("pgup", "page up")),
		PageDown:   key.NewBinding(key.WithKeys("pgdown", "f"), key.WithHelp("pgdn", "page down")),
		PgUp:       key.NewBinding(key.WithKeys("pgup"), key.WithHelp("pgup", "page up")),
		PgDown:     key.NewBinding(key.WithKeys("pgdown"), key.WithHelp("pgdn", "page down")),
		Rate: [4]key.Binding{
			key.NewBinding(key.WithKeys("1"), key.WithHelp("1", "Again")),
			key.NewBinding(key.WithKeys("2"), key.WithHelp("2", "Hard")),
			key.NewBinding(key.WithKeys("3"), key.WithHelp("3", "Good")),
			key.NewBinding(key.WithKeys("4"), key.WithHelp("4", "Easy")),
		},
		Accept:       key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "accept suggestion")),
		Retry:        key.NewBinding(key.WithKeys("r"), key.WithHelp("r", "retry saving")),
		Correct:      key.NewBinding(key.WithKeys("space"), key.WithHelp("space", "correct the ticks")),
		SavePhrase:   key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "save my words")),
		SkipPhrase:   key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "don't save")),
		Yes:          key.NewBinding(key.WithKeys("y"), key.WithHelp("y", "yes")),
		No:           key.NewBinding(key.WithKeys("n", "esc"), key.WithHelp("n/esc", "no, go back")),
		Add:          key.NewBinding(key.WithKeys("a"), key.WithHelp("a", "add claim")),
		EditTags:     key.NewBinding(key.WithKeys("e"), key.WithHelp("e", "edit tags")),
		Delete:       key.NewBinding(key.WithKeys("d"), key.WithHelp("d", "remove")),
		LoadCV:       key.NewBinding(key.WithKeys("l"), key.WithHelp("l", "load your CV")),
		PickFollowUp: key.NewBinding(key.WithKeys("f"), key.WithHelp("f", "pick the follow-up")),
	}
}
