package pitch_test

import (
	"reflect"
	"testing"

	"github.com/hotseat/hotseat/internal/pitch"
)

func TestSentences(t *testing.T) {
	tests := []struct {
		name, text string
		want       []string
	}{
		{"empty", " \n\n ", nil},
		{"plain", "I build models. I ship them! Do you?", []string{"I build models.", "I ship them!", "Do you?"}},
		{"no final stop", "I build models. I ship them", []string{"I build models.", "I ship them"}},
		{"e.g. and i.e.", "I tune trees, e.g. depth and leaves. I use CV, i.e. five folds.",
			[]string{"I tune trees, e.g. depth and leaves.", "I use CV, i.e. five folds."}},
		{"e.g. before a capital", "I know boosting libraries, e.g. XGBoost and LightGBM. Next.",
			[]string{"I know boosting libraries, e.g. XGBoost and LightGBM.", "Next."}},
		{"titles", "I worked with Dr. Smith and Prof. Jones. Then I left.",
			[]string{"I worked with Dr. Smith and Prof. Jones.", "Then I left."}},
		{"decimals", "Recall went from 0.46 to 0.71. Latency fell 2.5x.", []string{"Recall went from 0.46 to 0.71.", "Latency fell 2.5x."}},
		{"milliseconds end a sentence", "The p99 is 40 ms. I own it.", []string{"The p99 is 40 ms.", "I own it."}},
		{"etc. mid-sentence and at the end", "Trees, forests, etc. are my area. I like SQL, Python, etc. Next I moved.",
			[]string{"Trees, forests, etc. are my area.", "I like SQL, Python, etc.", "Next I moved."}},
		{"lowercase after a dot", "It cut approx. ten hours a week.", []string{"It cut approx. ten hours a week."}},
		{"urls and versions", "I maintain example.com on Python 3.12. It works.", []string{"I maintain example.com on Python 3.12.", "It works."}},
		{"quotes", `My manager said "ship it." So I did.`, []string{`My manager said "ship it."`, "So I did."}},
		{"ellipsis", "I tried... Then it worked.", []string{"I tried...", "Then it worked."}},
		{"hard-wrapped paragraph", "I built the model\nthat ranks the feed.\nIt shipped.", []string{"I built the model that ranks the feed.", "It shipped."}},
		{"blank line ends a sentence", "Role: ML engineer\n\nI ship models", []string{"Role: ML engineer", "I ship models"}},
		{"bullets", "Highlights:\n- shipped the ranker\n- cut latency by 30%\n  on mobile\n* mentored two juniors\n• wrote the runbook",
			[]string{"Highlights:", "shipped the ranker", "cut latency by 30% on mobile", "mentored two juniors", "wrote the runbook"}},
		{"numbered list", "1. Built it.\n2) Shipped it\n10. Ran it", []string{"Built it.", "Shipped it", "Ran it"}},
		{"negative number is not a bullet", "-5% churn after launch", []string{"-5% churn after launch"}},
		{"heading", "# About me\nI build models.", []string{"About me", "I build models."}},
		{"CRLF", "I built the model\r\nthat ranks.\r\n\r\n- Three", []string{"I built the model that ranks.", "Three"}},
		{"punctuation only", "- \n...\n", nil},
	}
	for _, tc := range tests {
		if got := pitch.Sentences(tc.text); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("%s: Sentences(%q) =\n%q\nwant\n%q", tc.name, tc.text, got, tc.want)
		}
	}
}
