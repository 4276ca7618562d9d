package main

// These tests run the built plugin binary as a real child process under
// go-plugin's own client, which serves HostValues through go-plugin's broker
// exactly as pnode's Java gateway does.

import (
	"context"
	"os"
	"os/exec"
	"testing"
	"time"

	hclog "github.com/hashicorp/go-hclog"
	plugin "github.com/hashicorp/go-plugin"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	"pnode.dev/examples/callback-go/callback"
)

// binaryEnv names the plugin binary under test; build.sh sets it.
const binaryEnv = "CALLBACK_GO_BINARY"

func TestGreetsWithTheHostsWordOverAutoMTLS(t *testing.T) {
	greeter := start(t, true)
	if got := greet(t, greeter, "world", map[string]string{"greeting": "Howdy"}); got != "Howdy world!" {
		t.Errorf("got %q, want %q", got, "Howdy world!")
	}
	// every call gets its own broker id and connection
	if got := greet(t, greeter, "again", map[string]string{"greeting": "Hello"}); got != "Hello again!" {
		t.Errorf("got %q, want %q", got, "Hello again!")
	}
}

func TestGreetsWithoutTLS(t *testing.T) {
	greeter := start(t, false)
	if got := greet(t, greeter, "world", map[string]string{"greeting": "Hola"}); got != "Hola world!" {
		t.Errorf("got %q, want %q", got, "Hola world!")
	}
}

func TestAHostWithoutTheGreetingWordIsTold(t *testing.T) {
	greeter := start(t, true)
	_, err := greeter.Greet(withTimeout(t), "world", map[string]string{"other": "x"})
	if status.Code(err) != codes.FailedPrecondition {
		t.Fatalf("want FailedPrecondition naming the key, got %v", err)
	}
}

func TestAnEmptyNameIsRefused(t *testing.T) {
	greeter := start(t, true)
	_, err := greeter.Greet(withTimeout(t), "", map[string]string{"greeting": "Hi"})
	if status.Code(err) != codes.InvalidArgument {
		t.Fatalf("want InvalidArgument, got %v", err)
	}
}

func greet(t *testing.T, greeter *callback.Client, name string, values map[string]string) string {
	t.Helper()
	got, err := greeter.Greet(withTimeout(t), name, values)
	if err != nil {
		t.Fatalf("Greet(%q): %v", name, err)
	}
	return got
}

func withTimeout(t *testing.T) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	t.Cleanup(cancel)
	return ctx
}

func start(t *testing.T, autoMTLS bool) *callback.Client {
	t.Helper()
	binary := os.Getenv(binaryEnv)
	if binary == "" {
		t.Fatalf("%s is not set: run the tests through build.sh", binaryEnv)
	}
	cmd := exec.Command(binary)
	// go-plugin 1.0.1 puts its sockets (the broker's too) in $TMPDIR: keep them in the test's directory.
	cmd.Env = append(os.Environ(), "TMPDIR="+t.TempDir())
	client := plugin.NewClient(&plugin.ClientConfig{
		HandshakeConfig:  callback.Handshake,
		Plugins:          plugin.PluginSet{callback.PluginName: &callback.GRPCPlugin{}},
		Cmd:              cmd,
		AllowedProtocols: []plugin.Protocol{plugin.ProtocolGRPC},
		AutoMTLS:         autoMTLS,
		Logger:           hclog.New(&hclog.LoggerOptions{Name: "host", Level: hclog.Warn, Output: os.Stderr}),
	})
	t.Cleanup(client.Kill)
	rpcClient, err := client.Client()
	if err != nil {
		t.Fatalf("go-plugin could not start the plugin: %v", err)
	}
	raw, err := rpcClient.Dispense(callback.PluginName)
	if err != nil {
		t.Fatal(err)
	}
	return raw.(*callback.Client)
}
