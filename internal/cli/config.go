package cli

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
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
	return cfg, nil
}
