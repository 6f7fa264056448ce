package store

import (
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strings"
	"unicode/utf8"

	"go.etcd.io/bbolt"
)

// synonymsBucket holds the candidate's personal synonyms: phrases they said that mean a key
// point the grader missed ("I said it differently"). Key: Key(pack, question) + "\x00" + the
// key point's text; value: a JSON list of phrases. Keyed by the point's text rather than its
// position, so reordering a pack keeps them; rewording the point drops them, as it should,
// since the phrase was for the old wording. Like seen, the bucket is created by the first
// write, so older binaries open the file unchanged.
var synonymsBucket = []byte("synonyms")

// MaxSynonym bounds a saved phrase: a phrase, not a paragraph.
const MaxSynonym = 200

// Synonym is one saved phrase with the key point it means.
type Synonym struct {
	Question string `json:"question"` // Key(pack, question)
	Point    string `json:"point"`    // the key point's text
	Phrase   string `json:"phrase"`
}

// SaveSynonym adds phrase to the key point's personal synonyms; a phrase already saved is
// not added twice.
func (s *Store) SaveSynonym(question, point, phrase string) error {
	phrase = strings.Join(strings.Fields(phrase), " ")
	switch {
	case question == "" || point == "":
		return fmt.Errorf("save synonym to %s: %w", s.path, errors.New("no question or key point"))
	case phrase == "":
		return fmt.Errorf("save synonym to %s: %w", s.path, errors.New("the phrase is empty"))
	case utf8.RuneCountInString(phrase) > MaxSynonym:
		return fmt.Errorf("save synonym to %s: the phrase is longer than %d characters; keep the words that carry the idea", s.path, MaxSynonym)
	}
	key := []byte(question + "\x00" + point)
	err := s.update(nil, func(tx *bbolt.Tx) error {
		b, err := tx.CreateBucketIfNotExists(synonymsBucket)
		if err != nil {
			return err
		}
		var phrases []string
		if v := b.Get(key); v != nil {
			if err := json.Unmarshal(v, &phrases); err != nil {
				return fmt.Errorf("synonyms of %s are damaged: %w", question, err)
			}
		}
		for _, p := range phrases {
			if strings.EqualFold(p, phrase) {
				return nil
			}
		}
		raw, err := json.Marshal(append(phrases, phrase))
		if err != nil {
			return err
		}
		return b.Put(key, raw)
	})
	if err != nil {
		return fmt.Errorf("save synonym to %s: %w", s.path, err)
	}
	return nil
}

// Synonyms returns every saved phrase, sorted by question, point and the order they were
// saved in.
func (s *Store) Synonyms() ([]Synonym, error) {
	var out []Synonym
	err := s.view(nil, func(tx *bbolt.Tx) error {
		b := tx.Bucket(synonymsBucket)
		if b == nil {
			return nil
		}
		return b.ForEach(func(k, v []byte) error {
			q, point, ok := strings.Cut(string(k), "\x00")
			if !ok {
				return nil
			}
			var phrases []string
			if err := json.Unmarshal(v, &phrases); err != nil {
				return fmt.Errorf("synonyms of %s are damaged: %w", q, err)
			}
			for _, p := range phrases {
				out = append(out, Synonym{Question: q, Point: point, Phrase: p})
			}
			return nil
		})
	})
	if err != nil {
		return nil, fmt.Errorf("read synonyms from %s: %w", s.path, err)
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Question != out[j].Question {
			return out[i].Question < out[j].Question
		}
		return out[i].Point < out[j].Point
	})
	return out, nil
}

// SynonymsFor returns the saved phrases of one question, by key point text.
func (s *Store) SynonymsFor(question string) (map[string][]string, error) {
	all, err := s.Synonyms()
	if err != nil {
		return nil, err
	}
	out := map[string][]string{}
	for _, syn := range all {
		if syn.Question == question {
			out[syn.Point] = append(out[syn.Point], syn.Phrase)
		}
	}
	return out, nil
}
