package model

import (
	"encoding/json"
	"fmt"
	"os"
	"runtime"
	"testing"
)

// demoLikeDocuments calls each with n job documents shaped like the demo
// server's (testdata/job-v8.json, compact: 2.8 kB), each with its own id
// and name. Each document is built when it is needed and may be dropped
// after, as a page of a list is.
func demoLikeDocuments(tb testing.TB, n int, each func(i int, doc []byte)) {
	tb.Helper()
	data, err := os.ReadFile("testdata/job-v8.json")
	if err != nil {
		tb.Fatal(err)
	}
	var doc map[string]any
	if err := json.Unmarshal(data, &doc); err != nil {
		tb.Fatal(err)
	}
	for i := range n {
		doc["id"] = fmt.Sprintf("00000000-0000-0000-0000-%012d", i+1)
		doc["name"] = fmt.Sprintf("Mailbox %05d", i+1)
		b, err := json.Marshal(doc)
		if err != nil {
			tb.Fatal(err)
		}
		each(i, b)
	}
}

// liveHeap is the heap in use after a collection.
func liveHeap() uint64 {
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	return ms.HeapAlloc
}

// BenchmarkDecodedJobHeap reports the live heap that 10,000 decoded
// demo-like jobs hold, per job, beside the document's length: what a list
// of 10,000 jobs keeps while the TUI runs
// (go test ./model -run XXX -bench DecodedJobHeap -benchtime 3x).
func BenchmarkDecodedJobHeap(b *testing.B) {
	const n = 10000
	var perJob, docLen float64
	for range b.N {
		jobs := make([]*Job, n)
		before := liveHeap()
		demoLikeDocuments(b, n, func(i int, doc []byte) {
			j, err := DecodeJob(doc)
			if err != nil {
				b.Fatal(err)
			}
			jobs[i] = j
			docLen = float64(len(doc))
		})
		after := liveHeap()
		runtime.KeepAlive(jobs)
		perJob = float64(after-before) / n
	}
	b.ReportMetric(perJob, "live-B/job")
	b.ReportMetric(docLen, "doc-B")
}

// TestDecodedJobs_HoldLittleMoreThanTheirDocuments: a list of thousands of
// jobs keeps each job's document as its bytes and the fields it shows, not
// the document decoded into maps (which held three times its length).
func TestDecodedJobs_HoldLittleMoreThanTheirDocuments(t *testing.T) {
	const n = 2000
	tests := []struct {
		name   string
		docs   func(each func(i int, doc []byte))
		decode func([]byte) (any, error)
	}{
		{"backup jobs", func(each func(int, []byte)) { demoLikeDocuments(t, n, each) },
			func(b []byte) (any, error) { return DecodeJob(b) }},
		{"copy jobs", func(each func(int, []byte)) {
			for i := range n {
				each(i, copyDoc(t, map[string]any{"id": fmt.Sprintf("c%05d", i), "name": fmt.Sprintf("Archive %05d", i)}))
			}
		}, func(b []byte) (any, error) { return DecodeCopyJob(b) }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			jobs := make([]any, n)
			var docBytes int
			before := liveHeap()
			tt.docs(func(i int, doc []byte) {
				j, err := tt.decode(doc)
				if err != nil {
					t.Fatal(err)
				}
				jobs[i] = j
				docBytes += len(doc)
			})
			held := float64(liveHeap()-before) / float64(docBytes)
			runtime.KeepAlive(jobs)
			if held > 2 {
				t.Errorf("%d decoded jobs hold %.2f× their documents' %d bytes; want at most 2×", n, held, docBytes)
			}
		})
	}
}

// TestDecodedJob_KeepsItsDocumentWhateverBecomesOfTheInput: the job keeps
// a copy of the bytes it was read from, so a caller reusing its buffer
// changes nothing, and what follows the document in the input is not part
// of it.
func TestDecodedJob_KeepsItsDocumentWhateverBecomesOfTheInput(t *testing.T) {
	jobDoc, err := os.ReadFile("testdata/job-v8.json")
	if err != nil {
		t.Fatal(err)
	}
	copyJobDoc := copyDoc(t, nil)
	clobber := func(b []byte) {
		for i := range b {
			b[i] = 'x'
		}
	}
	jobViews := viewsAfter(DecodeJob, func(j *Job) ([]byte, error) { return j.PutBody(j.Settings(), 8) })
	copyViews := viewsAfter(DecodeCopyJob, func(j *CopyJob) ([]byte, error) { return j.PutBody(j.Settings(), 8) })
	tests := []struct {
		name  string
		doc   []byte
		input []byte
		after func([]byte)
		views func(*testing.T, []byte, func([]byte)) documentViews
	}{
		{"job, its input overwritten", jobDoc, jobDoc, clobber, jobViews},
		{"job, more after the document", jobDoc, append(append([]byte{}, jobDoc...), ` {"id": "other"}`...), func([]byte) {}, jobViews},
		{"copy job, its input overwritten", copyJobDoc, copyJobDoc, clobber, copyViews},
		{"copy job, more after the document", copyJobDoc, append(append([]byte{}, copyJobDoc...), "\n[1]"...), func([]byte) {}, copyViews},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			want := tt.views(t, append([]byte{}, tt.doc...), func([]byte) {})
			if got := tt.views(t, append([]byte{}, tt.input...), tt.after); got != want {
				t.Errorf("got  %+v\nwant %+v", got, want)
			}
		})
	}
}

// documentViews is what a job shows of its document: Raw, CarriedDocument
// and the PUT body of its settings as read.
type documentViews struct{ raw, carried, put string }

// viewsAfter decodes a document, calls after with the input, then takes
// the job's views of its document.
func viewsAfter[J interface {
	Raw() json.RawMessage
	CarriedDocument(APIVersion) json.RawMessage
}](decode func([]byte) (J, error), put func(J) ([]byte, error)) func(*testing.T, []byte, func([]byte)) documentViews {
	return func(t *testing.T, b []byte, after func([]byte)) documentViews {
		t.Helper()
		j, err := decode(b)
		if err != nil {
			t.Fatal(err)
		}
		after(b)
		body, err := put(j)
		if err != nil {
			t.Fatal(err)
		}
		return documentViews{string(j.Raw()), string(j.CarriedDocument(8)), string(body)}
	}
}
