package cli

import (
	"encoding/json"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
)

// Profile holds the connection settings of one server. Passwords are never
// stored here; passwordFile may name a file that holds one.
type Profile struct {
	Server       string `json:"server"`
	Username     string `json:"username,omitempty"`
	APIVersion   string `json:"apiVersion,omitempty"`
	CAFile       string `json:"caFile,omitempty"`
	PinSHA256    string `json:"pinSHA256,omitempty"`
	Insecure     bool   `json:"insecure,omitempty"`
	PasswordFile string `json:"passwordFile,omitempty"`
	AuditLog     string `json:"auditLog,omitempty"` // the audit log's path for this server
}

// Config is the file $XDG_CONFIG_HOME/vbosched/config.json.
type Config struct {
	DefaultProfile string             `json:"defaultProfile,omitempty"`
	Profiles       map[string]Profile `json:"profiles"`
}

func configPath(getenv func(string) string) string {
	if p := getenv("VBOSCHED_CONFIG"); p != "" {
		return p
	}
	dir := getenv("XDG_CONFIG_HOME")
	if dir == "" {
		home := getenv("HOME")
		if home == "" {
			return ""
		}
		dir = filepath.Join(home, ".config")
	}
	return filepath.Join(dir, "vbosched", "config.json")
}

// loadConfig reads the config file; a missing file is an empty config.
func loadConfig(path string) (Config, error) {
	var cfg Config
	if path == "" {
		return cfg, nil
	}
	data, err := os.ReadFile(path)
	if os.IsNotExist(err) {
		return cfg, nil
	}
	if err != nil {
		return cfg, err
	}
	if err := json.Unmarshal(data, &cfg); err != nil {
		return cfg, fmt.Errorf("config %s: %w", path, err)
	}
	if err := checkConfigKeys(path, data); err != nil {
		return cfg, err
	}
	return cfg, nil
}

// checkConfigKeys refuses keys the config does not define: a misspelt key
// would otherwise be a setting silently unused, and a password written into
// the file is one more copy of it on disk.
func checkConfigKeys(path string, data []byte) error {
	var top map[string]json.RawMessage
	if err := json.Unmarshal(data, &top); err != nil {
		return fmt.Errorf("config %s: %w", path, err)
	}
	if err := unknownKey(path, "", top, jsonKeys(Config{})); err != nil {
		return err
	}
	var profiles map[string]map[string]json.RawMessage
	if err := json.Unmarshal(top["profiles"], &profiles); err != nil && top["profiles"] != nil {
		return fmt.Errorf("config %s: profiles: %w", path, err)
	}
	for _, name := range slices.Sorted(maps.Keys(profiles)) {
		if err := unknownKey(path, "profiles."+name+".", profiles[name], jsonKeys(Profile{})); err != nil {
			return err
		}
	}
	return nil
}

func unknownKey(path, prefix string, obj map[string]json.RawMessage, known []string) error {
	for _, k := range slices.Sorted(maps.Keys(obj)) {
		if slices.Contains(known, k) {
			continue
		}
		if strings.EqualFold(k, "password") {
			return fmt.Errorf("config %s: key %q: passwords are not kept in the config file; remove it and use VBO_PASSWORD, a password file (passwordFile, mode 600) or the prompt", path, prefix+k)
		}
		return fmt.Errorf("config %s: unknown key %q (known here: %s)", path, prefix+k, strings.Join(known, ", "))
	}
	return nil
}

// jsonKeys lists the JSON names of a struct's fields.
func jsonKeys(v any) []string {
	t := reflect.TypeOf(v)
	keys := make([]string, 0, t.NumField())
	for i := range t.NumField() {
		name, _, _ := strings.Cut(t.Field(i).Tag.Get("json"), ",")
		keys = append(keys, name)
	}
	return keys
}
