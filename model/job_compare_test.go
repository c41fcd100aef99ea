package model

import (
	"encoding/json"
	"reflect"
	"testing"
)

// changed decodes name's document after change, to compare with the original.
func changed(t *testing.T, name string, change func(doc map[string]any)) *Job {
	t.Helper()
	_, doc := readJob(t, name)
	change(doc)
	data, err := json.Marshal(doc)
	if err != nil {
		t.Fatal(err)
	}
	j, err := DecodeJob(data)
	if err != nil {
		t.Fatal(err)
	}
	return j
}

func policy(doc map[string]any) map[string]any { return doc["schedulePolicy"].(map[string]any) }

func TestCompareJobs_NamesEveryCarriedField(t *testing.T) {
	tests := []struct {
		name   string
		file   string
		v      APIVersion
		change func(doc map[string]any)
		want   []string
	}{
		{"nothing changed", "job-v8.json", 8, func(map[string]any) {}, nil},
		{"run state changes on its own", "job-v8.json", 8, func(d map[string]any) {
			d["lastRun"], d["nextRun"], d["lastStatus"] = "x", "y", "Running"
		}, nil},
		{"isEnabled", "job-v8.json", 8, func(d map[string]any) { d["isEnabled"] = false }, []string{"isEnabled"}},
		{"repositoryId", "job-v8.json", 8, func(d map[string]any) { d["repositoryId"] = "r2" }, []string{"repositoryId"}},
		{"the eTag alone on v8", "job-v8.json", 8, func(d map[string]any) { d["eTag"] = "other" }, []string{"eTag"}},
		{"the eTag before v8 is not carried", "job-v8.json", 7, func(d map[string]any) { d["eTag"] = "other" }, nil},
		{"proxyId on v2", "job-v2.json", 2, func(d map[string]any) { d["proxyId"] = "p2" }, []string{"proxyId"}},
		{"name by value", "job-v8.json", 8, func(d map[string]any) { d["name"] = "other" }, []string{FieldName}},
		{"a modelled policy field", "job-v8.json", 8, func(d map[string]any) { policy(d)["retryNumber"] = 99 }, []string{FieldRetryNumber}},
		{"an unknown policy field", "job-v8.json", 8, func(d map[string]any) { policy(d)["future"] = map[string]any{"a": 1} },
			[]string{"schedulePolicy.future"}},
		{"an unknown field of a window", "job-v8.json", 8, func(d map[string]any) {
			policy(d)["backupWindowSettings"].(map[string]any)["timeZone"] = "UTC"
		}, []string{"schedulePolicy.backupWindowSettings.timeZone"}},
		{"an enum's spelling is not a change", "job-v8.json", 8, func(d map[string]any) {
			policy(d)["type"], policy(d)["periodicallyEvery"] = "periodically", "Hours4"
		}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			base, _ := readJob(t, tt.file)
			var got []string
			for _, c := range CompareJobs(base, changed(t, tt.file, tt.change), tt.v) {
				got = append(got, c.Field)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("CompareJobs fields = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestUnapplied_ComparesWhatWasSent(t *testing.T) {
	base, _ := readJob(t, "job-v8.json")
	edit := base.Settings()
	edit.Policy.RetryNumber = 5
	edit.Policy.BackupWindow.Hours[0] = false
	body, err := base.PutBody(edit, 8)
	if err != nil {
		t.Fatal(err)
	}
	applied := func(d map[string]any) {
		policy(d)["retryNumber"] = 5
		policy(d)["backupWindowSettings"].(map[string]any)["backupWindow"].([]any)[0] = false
	}
	tests := []struct {
		name   string
		change func(doc map[string]any)
		want   []string
	}{
		{"everything shown", applied, nil},
		{"shown in the server's own spelling", func(d map[string]any) {
			applied(d)
			d["backupType"] = "entireorganization"
			policy(d)["retryEnabled"] = "true"
		}, nil},
		{"a field dropped", func(d map[string]any) {
			policy(d)["backupWindowSettings"].(map[string]any)["backupWindow"].([]any)[0] = false
		}, []string{FieldRetryNumber}},
		{"the window dropped", func(d map[string]any) { policy(d)["retryNumber"] = 5 }, []string{FieldWindow}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			missing, err := Unapplied(body, changed(t, "job-v8.json", tt.change))
			var got []string
			for _, c := range missing {
				got = append(got, c.Field)
			}
			if err != nil || !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Unapplied = %v, %v; want %v", missing, err, tt.want)
			}
		})
	}
}

// The carried document decodes to a job that compares equal to the whole
// one and builds the same PUT body.
func TestCarriedDocument_StandsInForTheJob(t *testing.T) {
	for _, tt := range []struct {
		file string
		v    APIVersion
	}{{"job-v2.json", 2}, {"job-v8.json", 8}} {
		full, _ := readJob(t, tt.file)
		doc := full.CarriedDocument(tt.v)
		carried, err := DecodeJob(doc)
		if err != nil {
			t.Fatalf("%s: %v\n%s", tt.file, err, doc)
		}
		if cs := CompareJobs(full, carried, tt.v); len(cs) != 0 {
			t.Errorf("%s: carried differs: %v", tt.file, cs)
		}
		edit := full.Settings()
		edit.Policy.RetryNumber = 7
		a, _ := full.PutBody(edit, tt.v)
		b, _ := carried.PutBody(edit, tt.v)
		if string(a) != string(b) {
			t.Errorf("%s: PUT bodies differ:\n%s\n%s", tt.file, a, b)
		}
		var m map[string]any
		_ = json.Unmarshal(doc, &m)
		if _, ok := m["selectedItems"]; ok {
			t.Errorf("%s: carried document keeps selectedItems", tt.file)
		}
	}
}
