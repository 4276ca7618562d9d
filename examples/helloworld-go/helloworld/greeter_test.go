package helloworld

import (
	"context"
	"strings"
	"testing"

	hclog "github.com/hashicorp/go-hclog"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	"pnode.dev/examples/helloworld-go/quorum/proto"
	"pnode.dev/examples/helloworld-go/quorum/proto_common"
)

func TestConfigurationsThatAreRefusedSayWhy(t *testing.T) {
	cases := map[string]string{
		``:                        "empty",
		`   `:                     "empty",
		`null`:                    `"language" is ""`,
		`{}`:                      `"language" is ""`,
		`{"language":"fr"}`:       "supported: en, es",
		`{"language":"EN"}`:       `"language" is "EN"`,
		`{"lang":"es"}`:           `unknown field "lang"`,
		`{"language":"en","x":1}`: `unknown field "x"`,
		`{"language":"en"} {}`:    "data after the JSON object",
		`{"language":1}`:          "cannot unmarshal number",
		`["en"]`:                  "cannot unmarshal array",
		`{"language":"en"`:        "unexpected EOF",
		`language=en`:             "invalid character",
	}
	for raw, want := range cases {
		_, err := parseConfig([]byte(raw))
		if err == nil {
			t.Errorf("configuration %q was accepted", raw)
			continue
		}
		if !strings.Contains(err.Error(), want) {
			t.Errorf("configuration %q: error %q does not mention %q", raw, err, want)
		}
	}
}

func TestEverySupportedLanguageIsAccepted(t *testing.T) {
	for _, raw := range []string{`{"language":"en"}`, ` {"language" : "es"} `, "{\"language\":\"es\"}\n"} {
		if _, err := parseConfig([]byte(raw)); err != nil {
			t.Errorf("configuration %q refused: %v", raw, err)
		}
	}
}

func TestGreetingBeforeInitIsAFailedPrecondition(t *testing.T) {
	_, err := newGreeter().Greeting(context.Background(), &proto.PluginHelloWorld_Request{Msg: "world"})
	if status.Code(err) != codes.FailedPrecondition {
		t.Fatalf("want FailedPrecondition, got %v", err)
	}
}

func TestGreetsInTheConfiguredLanguage(t *testing.T) {
	greeter := newGreeter()
	for language, want := range map[string]string{"en": "Hello world!", "es": "Hola world!"} {
		initialize(t, greeter, `{"language":"`+language+`"}`)
		if got := greet(t, greeter, "world"); got != want {
			t.Errorf("language %s: got %q, want %q", language, got, want)
		}
	}
}

func TestGreetsTheMessageAsGiven(t *testing.T) {
	greeter := newGreeter()
	initialize(t, greeter, `{"language":"es"}`)
	for msg, want := range map[string]string{"": "Hola !", "señor": "Hola señor!", "a|b\n": "Hola a|b\n!"} {
		if got := greet(t, greeter, msg); got != want {
			t.Errorf("message %q: got %q, want %q", msg, got, want)
		}
	}
}

func TestRefusedReinitKeepsThePreviousLanguage(t *testing.T) {
	greeter := newGreeter()
	initialize(t, greeter, `{"language":"es"}`)
	_, err := greeter.Init(context.Background(), &proto_common.PluginInitialization_Request{RawConfiguration: []byte(`{"language":"fr"}`)})
	if status.Code(err) != codes.InvalidArgument {
		t.Fatalf("want InvalidArgument, got %v", err)
	}
	if got := greet(t, greeter, "world"); got != "Hola world!" {
		t.Errorf("got %q after a refused Init, want the previous language", got)
	}
}

func newGreeter() *Greeter { return NewGreeter(hclog.NewNullLogger()) }

func initialize(t *testing.T, g *Greeter, raw string) {
	t.Helper()
	req := &proto_common.PluginInitialization_Request{HostIdentity: "test", RawConfiguration: []byte(raw)}
	if _, err := g.Init(context.Background(), req); err != nil {
		t.Fatalf("Init(%s): %v", raw, err)
	}
}

func greet(t *testing.T, g *Greeter, msg string) string {
	t.Helper()
	resp, err := g.Greeting(context.Background(), &proto.PluginHelloWorld_Request{Msg: msg})
	if err != nil {
		t.Fatalf("Greeting(%q): %v", msg, err)
	}
	return resp.GetMsg()
}
