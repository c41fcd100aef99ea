package ui

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"sync"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/vbosched/vbosched/model"
)

// memBackend is a Backend held in memory, for the tests where HTTP is not
// what is tested. Its jobs are the fake server's demo jobs as read once
// (testdata/demo-jobs-*.json), so views look as they do in the demo.
type memBackend struct {
	mu       sync.Mutex // commands may run off the test's goroutine
	version  model.APIVersion
	jobs     []*model.Job
	orgs     map[string]string
	saved    []model.Settings // every edit SaveJob accepted, in order
	started  []string
	listErr  error // returned by ListJobs when set
	saveErr  error // returned by SaveJob when set
	saveNote error // returned by SaveJob with the job saved, when set (a save that stood, with a note)
	startErr error

	copies    []*model.CopyJob     // the backup copy jobs (withCopyJobs); none by default
	copySaved []model.CopySettings // every copy-job edit SaveCopyJob accepted
	copyErr   error                // returned by SaveCopyJob when set
}

// withCopyJobs gives b the fake server's backup copy jobs of v8
// (testdata/demo-copyjobs-v8.json), whose sources are the demo jobs.
func (b *memBackend) withCopyJobs(t testing.TB) *memBackend {
	t.Helper()
	data, err := os.ReadFile("testdata/demo-copyjobs-v8.json")
	if err != nil {
		t.Fatal(err)
	}
	var demo struct {
		CopyJobs []json.RawMessage `json:"copyJobs"`
	}
	if err := json.Unmarshal(data, &demo); err != nil {
		t.Fatal(err)
	}
	for _, doc := range demo.CopyJobs {
		j, err := model.DecodeCopyJob(doc)
		if err != nil {
			t.Fatal(err)
		}
		b.copies = append(b.copies, j)
	}
	return b
}

func (b *memBackend) ListCopyJobs(context.Context) ([]*model.CopyJob, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return append([]*model.CopyJob(nil), b.copies...), nil
}

func (b *memBackend) GetCopyJob(_ context.Context, id string) (*model.CopyJob, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	for _, j := range b.copies {
		if j.ID == id {
			return j, nil
		}
	}
	return nil, fmt.Errorf("memBackend: no copy job %s", id)
}

// SaveCopyJob is SaveJob for copy jobs: the body as the store builds it,
// laid over the document as read.
func (b *memBackend) SaveCopyJob(_ context.Context, job *model.CopyJob, edit model.CopySettings) (*model.CopyJob, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.copyErr != nil {
		return nil, b.copyErr
	}
	body, err := job.PutBody(edit, b.version)
	if err != nil {
		return nil, err
	}
	data, err := overlay(job.Raw(), body)
	if err != nil {
		return nil, err
	}
	saved, err := model.DecodeCopyJob(data)
	if err != nil {
		return nil, err
	}
	for i, j := range b.copies {
		if j.ID == job.ID {
			b.copies[i] = saved
		}
	}
	b.copySaved = append(b.copySaved, edit)
	return saved, nil
}

// overlay is a document with a PUT body's top-level fields laid over it.
func overlay(doc, body []byte) ([]byte, error) {
	d, f := map[string]json.RawMessage{}, map[string]json.RawMessage{}
	if err := json.Unmarshal(doc, &d); err != nil {
		return nil, err
	}
	if err := json.Unmarshal(body, &f); err != nil {
		return nil, err
	}
	for k, v := range f {
		d[k] = v
	}
	return json.Marshal(d)
}

// newMemBackend serves the demo jobs of an API version ("v8" or "v2").
func newMemBackend(t testing.TB, version string) *memBackend {
	t.Helper()
	v, err := model.ParseAPIVersion(version)
	if err != nil {
		t.Fatal(err)
	}
	docs, orgs := demoDocuments(t, version)
	b := &memBackend{version: v, orgs: orgs}
	for _, doc := range docs {
		b.jobs = append(b.jobs, decodeJob(t, doc))
	}
	return b
}

// newManyJobsBackend serves n copies of the first v8 demo job: "Archive NN"
// for every fifth, "Mailbox NN" for the others.
func newManyJobsBackend(t testing.TB, n int) *memBackend {
	t.Helper()
	docs, orgs := demoDocuments(t, "v8")
	b := &memBackend{version: 8, orgs: orgs}
	for i := range n {
		var doc map[string]any
		if err := json.Unmarshal(docs[0], &doc); err != nil {
			t.Fatal(err)
		}
		name := fmt.Sprintf("Mailbox %02d", i+1)
		if i%5 == 4 {
			name = fmt.Sprintf("Archive %02d", i+1)
		}
		doc["id"], doc["name"] = fmt.Sprintf("00000000-0000-0000-0000-%012d", i+1), name
		data, err := json.Marshal(doc)
		if err != nil {
			t.Fatal(err)
		}
		b.jobs = append(b.jobs, decodeJob(t, data))
	}
	return b
}

func demoDocuments(t testing.TB, version string) ([]json.RawMessage, map[string]string) {
	t.Helper()
	data, err := os.ReadFile("testdata/demo-jobs-" + version + ".json")
	if err != nil {
		t.Fatalf("reading the demo jobs: %v", err)
	}
	var demo struct {
		Orgs map[string]string `json:"orgs"`
		Jobs []json.RawMessage `json:"jobs"`
	}
	if err := json.Unmarshal(data, &demo); err != nil {
		t.Fatalf("testdata/demo-jobs-%s.json: %v", version, err)
	}
	return demo.Jobs, demo.Orgs
}

func decodeJob(t testing.TB, doc []byte) *model.Job {
	t.Helper()
	j, err := model.DecodeJob(doc)
	if err != nil {
		t.Fatal(err)
	}
	return j
}

func (b *memBackend) ListJobs(context.Context) ([]*model.Job, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.listErr != nil {
		return nil, b.listErr
	}
	return append([]*model.Job(nil), b.jobs...), nil
}

func (b *memBackend) GetJob(_ context.Context, id string) (*model.Job, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	for _, j := range b.jobs {
		if j.ID == id {
			return j, nil
		}
	}
	return nil, fmt.Errorf("memBackend: no job %s", id)
}

// SaveJob builds the PUT body as the real store does (so an invalid edit
// fails the same way) and keeps the job as the server would read it back:
// the document as read with the body's fields over it.
func (b *memBackend) SaveJob(_ context.Context, job *model.Job, edit model.Settings) (*model.Job, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.saveErr != nil {
		return nil, b.saveErr
	}
	body, err := job.PutBody(edit, b.version)
	if err != nil {
		return nil, err
	}
	doc := map[string]json.RawMessage{}
	fields := map[string]json.RawMessage{}
	if err := json.Unmarshal(job.Raw(), &doc); err != nil {
		return nil, err
	}
	if err := json.Unmarshal(body, &fields); err != nil {
		return nil, err
	}
	for k, v := range fields {
		doc[k] = v
	}
	data, err := json.Marshal(doc)
	if err != nil {
		return nil, err
	}
	saved, err := model.DecodeJob(data)
	if err != nil {
		return nil, err
	}
	for i, j := range b.jobs {
		if j.ID == job.ID {
			b.jobs[i] = saved
		}
	}
	b.saved = append(b.saved, edit)
	return saved, b.saveNote
}

func (b *memBackend) StartJob(_ context.Context, id string) error {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.startErr != nil {
		return b.startErr
	}
	b.started = append(b.started, id)
	return nil
}

func (b *memBackend) APIVersion() model.APIVersion { return b.version }

// Label is the fake server's, so goldens read the same on either backend.
func (b *memBackend) Label() string { return "DEMO" }

func (b *memBackend) OrganizationName(_ context.Context, id string) string { return b.orgs[id] }

func (b *memBackend) saves() []model.Settings {
	b.mu.Lock()
	defer b.mu.Unlock()
	return append([]model.Settings(nil), b.saved...)
}

// loaded is a program at w×h with the demo jobs of version loaded.
func loaded(t testing.TB, version string, w, h int) (Model, *memBackend) {
	t.Helper()
	b := newMemBackend(t, version)
	return start(t, b, w, h), b
}

// start is a program on b at w×h with its jobs loaded.
func start(t testing.TB, b Backend, w, h int) Model {
	t.Helper()
	m := New(Options{Backend: b, Clock: testClock{}})
	next, _ := m.Update(tea.WindowSizeMsg{Width: w, Height: h})
	return run(t, next.(Model), m.loadJobs())
}

// testClock is the tests' now: Wednesday 25 November 2026, 10:30 in
// UTC+01:00, so run previews and goldens do not depend on the day.
type testClock struct{}

func (testClock) Now() time.Time {
	return time.Date(2026, time.November, 25, 10, 30, 0, 0, time.FixedZone("CET", 3600))
}
