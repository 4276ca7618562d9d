package helloworld

import (
	"bytes"
	"encoding/json"
	"fmt"
	"sort"
	"strings"
)

// greetings maps each supported language to its greeting word.
var greetings = map[string]string{
	"en": "Hello",
	"es": "Hola",
}

// config is the plugin's raw configuration as the host sends it in Init.
type config struct {
	Language string `json:"language"`
}

// parseConfig decodes and validates the raw configuration. Unknown keys are
// refused so that a misspelt key ("lang") is reported instead of ignored.
func parseConfig(raw []byte) (config, error) {
	var cfg config
	if len(bytes.TrimSpace(raw)) == 0 {
		return cfg, fmt.Errorf(`configuration is empty; expected {"language":"en"|"es"}`)
	}
	decoder := json.NewDecoder(bytes.NewReader(raw))
	decoder.DisallowUnknownFields()
	if err := decoder.Decode(&cfg); err != nil {
		return cfg, fmt.Errorf(`configuration %q is not {"language":"en"|"es"}: %v`, raw, err)
	}
	if decoder.More() {
		return cfg, fmt.Errorf("configuration %q has data after the JSON object", raw)
	}
	if _, ok := greetings[cfg.Language]; !ok {
		return cfg, fmt.Errorf("configuration key \"language\" is %q; supported: %s", cfg.Language, supportedLanguages())
	}
	return cfg, nil
}

func supportedLanguages() string {
	names := make([]string, 0, len(greetings))
	for name := range greetings {
		names = append(names, name)
	}
	sort.Strings(names)
	return strings.Join(names, ", ")
}
