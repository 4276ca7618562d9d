package main

// These tests run the plugin binary from the built zip as a real child process:
// with go-plugin's own client (proving it is a genuine go-plugin plugin), and by
// hand to pin down the wire facts that a non-Go host (pnode's Java host) relies on.

import (
	"archive/zip"
	"bufio"
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/base64"
	"encoding/json"
	"encoding/pem"
	"io"
	"math/big"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/golang/protobuf/ptypes/empty"
	hclog "github.com/hashicorp/go-hclog"
	plugin "github.com/hashicorp/go-plugin"
	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/health/grpc_health_v1"
	"google.golang.org/grpc/status"

	"pnode.dev/examples/helloworld-go/helloworld"
)

// zipEnv names the plugin zip under test; build.sh sets it.
const zipEnv = "HELLOWORLD_GO_ZIP"

func TestGreetsInEnglishOverAutoMTLS(t *testing.T) {
	client, greeter := startWithGoPluginClient(t, true)
	initialize(t, greeter, `{"language":"en"}`)
	if got := greet(t, greeter, "world"); got != "Hello world!" {
		t.Errorf("got %q, want %q", got, "Hello world!")
	}
	socket := client.ReattachConfig().Addr.String()
	client.Kill()
	if !client.Exited() {
		t.Error("plugin still running after Kill")
	}
	if _, err := os.Stat(socket); !os.IsNotExist(err) {
		t.Errorf("a gracefully stopped plugin removes its socket %s, but: %v", socket, err)
	}
}

func TestGreetsInSpanishWithoutTLS(t *testing.T) {
	_, greeter := startWithGoPluginClient(t, false)
	initialize(t, greeter, `{"language":"es"}`)
	if got := greet(t, greeter, "world"); got != "Hola world!" {
		t.Errorf("got %q, want %q", got, "Hola world!")
	}
}

func TestGreetingBeforeInitIsRefusedOverTheWire(t *testing.T) {
	_, greeter := startWithGoPluginClient(t, true)
	_, err := greeter.Greet(context.Background(), "world")
	if status.Code(err) != codes.FailedPrecondition {
		t.Fatalf("want FailedPrecondition, got %v", err)
	}
}

func TestInitWithABadConfigurationIsRefusedOverTheWire(t *testing.T) {
	_, greeter := startWithGoPluginClient(t, true)
	err := greeter.Init(context.Background(), "test-node", []byte(`{"language":"fr"}`))
	if status.Code(err) != codes.InvalidArgument || !strings.Contains(err.Error(), "language") {
		t.Fatalf("want InvalidArgument naming the key, got %v", err)
	}
}

func TestRefusesToRunWithoutTheMagicCookie(t *testing.T) {
	cmd := exec.Command(extractPlugin(t))
	cmd.Env = []string{"PLUGIN_PROTOCOL_VERSIONS=1"}
	output, err := cmd.CombinedOutput()
	if exitErr, ok := err.(*exec.ExitError); !ok || exitErr.ExitCode() != 1 {
		t.Fatalf("want exit status 1, got %v", err)
	}
	if !strings.Contains(string(output), "This binary is a plugin") {
		t.Errorf("unexpected output: %s", output)
	}
}

// go-plugin 1.0.1 prints "1|1|unix|<path>|grpc|<cert>" where <cert> is the server's DER
// certificate in base64 WITHOUT padding, and the socket lives in $TMPDIR (it ignores
// PLUGIN_UNIX_SOCKET_DIR).
func TestHandshakeLineWithAutoMTLS(t *testing.T) {
	socketDir := t.TempDir()
	fields, process := startByHand(t, socketDir, clientCertificatePEM(t))
	defer stop(process)

	if len(fields) != 6 || fields[0] != "1" || fields[1] != "1" || fields[2] != "unix" || fields[4] != "grpc" {
		t.Fatalf("handshake fields %q, want 1|1|unix|<path>|grpc|<cert>", fields)
	}
	if filepath.Dir(fields[3]) != socketDir {
		t.Errorf("socket %s is not in TMPDIR %s", fields[3], socketDir)
	}
	if info, err := os.Stat(fields[3]); err != nil || info.Mode()&os.ModeSocket == 0 {
		t.Errorf("socket %s: %v %v", fields[3], info, err)
	}
	if strings.HasSuffix(fields[5], "=") {
		t.Errorf("certificate is padded: %s", fields[5])
	}
	der, err := base64.RawStdEncoding.DecodeString(fields[5])
	if err != nil {
		t.Fatalf("certificate is not unpadded standard base64: %v", err)
	}
	cert, err := x509.ParseCertificate(der)
	if err != nil {
		t.Fatal(err)
	}
	key, ok := cert.PublicKey.(*ecdsa.PublicKey)
	if cert.Subject.CommonName != "localhost" || !ok || key.Curve != elliptic.P521() {
		t.Errorf("server certificate %v with key %T, want CN=localhost on P-521", cert.Subject, cert.PublicKey)
	}
}

func TestHandshakeLineWithoutTLSEndsWithAnEmptyCertificate(t *testing.T) {
	fields, process := startByHand(t, t.TempDir(), "")
	defer stop(process)
	if len(fields) != 6 || fields[5] != "" {
		t.Fatalf("handshake fields %q, want 6 with an empty last one", fields)
	}
}

func TestAKilledPluginLeavesItsSocketBehind(t *testing.T) {
	fields, process := startByHand(t, t.TempDir(), "")
	stop(process)
	if _, err := os.Stat(fields[3]); err != nil {
		t.Fatalf("expected the stale socket %s that a host must delete: %v", fields[3], err)
	}
}

// A socket path over the 108-byte sun_path limit makes go-plugin 1.0.1 give up before the
// handshake: it logs the error and exits with status 0, printing nothing on stdout.
func TestExitsZeroWithoutAHandshakeWhenTheSocketPathIsTooLong(t *testing.T) {
	tooDeep := filepath.Join(t.TempDir(), strings.Repeat("d", 110))
	if err := os.Mkdir(tooDeep, 0700); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(extractPlugin(t))
	cmd.Env = []string{helloworld.Handshake.MagicCookieKey + "=" + helloworld.Handshake.MagicCookieValue, "TMPDIR=" + tooDeep}
	var stderr strings.Builder
	cmd.Stderr = &stderr
	stdout, err := cmd.Output()
	if err != nil {
		t.Fatalf("want exit status 0, got %v", err)
	}
	if len(stdout) != 0 || !strings.Contains(stderr.String(), "plugin init error") {
		t.Errorf("stdout %q, stderr %q", stdout, stderr.String())
	}
}

// What a host that is not go-plugin meets on the plugin's server: the health service under
// "plugin", no GRPCStdio (go-plugin 1.0.x predates it), and a controller Shutdown that stops
// the server before it replies, after which the process exits 0 and removes its socket.
func TestInternalServicesOverARawConnection(t *testing.T) {
	fields, process := startByHand(t, t.TempDir(), "")
	exited := false
	defer func() {
		if !exited {
			stop(process)
		}
	}()
	conn, err := grpc.Dial("unix://"+fields[3], grpc.WithInsecure())
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	ctx := context.Background()

	health, err := grpc_health_v1.NewHealthClient(conn).Check(ctx, &grpc_health_v1.HealthCheckRequest{Service: plugin.GRPCServiceName})
	if err != nil || health.GetStatus() != grpc_health_v1.HealthCheckResponse_SERVING {
		t.Errorf("health of %q: %v %v", plugin.GRPCServiceName, health, err)
	}
	err = conn.Invoke(ctx, "/plugin.GRPCStdio/StreamStdio", &empty.Empty{}, &empty.Empty{})
	if status.Code(err) != codes.Unimplemented {
		t.Errorf("want GRPCStdio to be Unimplemented in go-plugin 1.0.x, got %v", err)
	}

	err = conn.Invoke(ctx, "/plugin.GRPCController/Shutdown", &empty.Empty{}, &empty.Empty{})
	if code := status.Code(err); code != codes.OK && code != codes.Unavailable {
		t.Errorf("Shutdown: %v", err)
	}
	err = process.Wait()
	exited = true
	if err != nil {
		t.Errorf("after Shutdown the plugin exited with %v, want status 0", err)
	}
	if _, err := os.Stat(fields[3]); !os.IsNotExist(err) {
		t.Errorf("after Shutdown the socket %s remains: %v", fields[3], err)
	}
}

func startWithGoPluginClient(t *testing.T, autoMTLS bool) (*plugin.Client, *helloworld.Client) {
	t.Helper()
	cmd := exec.Command(extractPlugin(t))
	// go-plugin 1.0.1 puts its socket in $TMPDIR: keep it in the test's directory even if the test fails.
	cmd.Env = append(os.Environ(), "TMPDIR="+t.TempDir())
	client := plugin.NewClient(&plugin.ClientConfig{
		HandshakeConfig:  helloworld.Handshake,
		Plugins:          plugin.PluginSet{helloworld.PluginName: &helloworld.GRPCPlugin{}},
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
	if err := rpcClient.Ping(); err != nil {
		t.Fatalf("health check: %v", err)
	}
	raw, err := rpcClient.Dispense(helloworld.PluginName)
	if err != nil {
		t.Fatal(err)
	}
	return client, raw.(*helloworld.Client)
}

// startByHand runs the plugin as a non-Go host would and returns its handshake fields.
func startByHand(t *testing.T, tmpDir, clientCertPEM string) ([]string, *exec.Cmd) {
	t.Helper()
	cmd := exec.Command(extractPlugin(t))
	cmd.Env = []string{
		helloworld.Handshake.MagicCookieKey + "=" + helloworld.Handshake.MagicCookieValue,
		"PLUGIN_PROTOCOL_VERSIONS=1",
		"TMPDIR=" + tmpDir,
	}
	if clientCertPEM != "" {
		cmd.Env = append(cmd.Env, "PLUGIN_CLIENT_CERT="+clientCertPEM)
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	line, err := bufio.NewReader(stdout).ReadString('\n')
	if err != nil {
		stop(cmd)
		t.Fatalf("no handshake line: %v", err)
	}
	if !strings.HasSuffix(line, "\n") || strings.HasSuffix(line, "\r\n") {
		t.Errorf("handshake line %q does not end with a single \\n", line)
	}
	return strings.Split(strings.TrimSuffix(line, "\n"), "|"), cmd
}

func stop(cmd *exec.Cmd) {
	_ = cmd.Process.Signal(syscall.SIGKILL)
	_ = cmd.Wait()
}

// clientCertificatePEM makes a throw-away client certificate with the clientAuth usage the
// plugin's server demands.
func clientCertificatePEM(t *testing.T) string {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	template := &x509.Certificate{
		SerialNumber:          big.NewInt(1),
		Subject:               pkix.Name{CommonName: "localhost"},
		DNSNames:              []string{"localhost"},
		ExtKeyUsage:           []x509.ExtKeyUsage{x509.ExtKeyUsageClientAuth},
		KeyUsage:              x509.KeyUsageDigitalSignature | x509.KeyUsageCertSign,
		BasicConstraintsValid: true,
		IsCA:                  true,
		NotBefore:             time.Now().Add(-time.Minute),
		NotAfter:              time.Now().Add(time.Hour),
	}
	der, err := x509.CreateCertificate(rand.Reader, template, template, key.Public(), key)
	if err != nil {
		t.Fatal(err)
	}
	return string(pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}))
}

// extractPlugin unpacks the plugin zip like a host does and returns the entrypoint's path,
// checking on the way that the zip carries plugin-meta.json and an executable entrypoint.
func extractPlugin(t *testing.T) string {
	t.Helper()
	zipPath := os.Getenv(zipEnv)
	if zipPath == "" {
		t.Fatalf("%s is not set: run these tests with examples/helloworld-go/build.sh OUTDIR", zipEnv)
	}
	archive, err := zip.OpenReader(zipPath)
	if err != nil {
		t.Fatal(err)
	}
	defer archive.Close()
	dir := t.TempDir()
	var meta struct {
		Name, Version, Entrypoint string
		Parameters                []string
	}
	modes := map[string]os.FileMode{}
	for _, entry := range archive.File {
		modes[entry.Name] = entry.Mode()
		data := readEntry(t, entry)
		if entry.Name == "plugin-meta.json" {
			if err := json.Unmarshal(data, &meta); err != nil {
				t.Fatalf("plugin-meta.json: %v", err)
			}
		}
		if err := os.WriteFile(filepath.Join(dir, filepath.Base(entry.Name)), data, entry.Mode().Perm()); err != nil {
			t.Fatal(err)
		}
	}
	if meta.Name != "helloworld-go" || meta.Version != "1.0.0" || meta.Entrypoint != "helloworld-go" || meta.Parameters == nil {
		t.Fatalf("plugin-meta.json is %+v", meta)
	}
	if mode := modes[meta.Entrypoint]; mode != 0755 {
		t.Fatalf("entrypoint %s has mode %v in the zip, want -rwxr-xr-x", meta.Entrypoint, mode)
	}
	return filepath.Join(dir, meta.Entrypoint)
}

func readEntry(t *testing.T, entry *zip.File) []byte {
	t.Helper()
	r, err := entry.Open()
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	data, err := io.ReadAll(r)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

func initialize(t *testing.T, greeter *helloworld.Client, config string) {
	t.Helper()
	if err := greeter.Init(context.Background(), "test-node", []byte(config)); err != nil {
		t.Fatalf("Init(%s): %v", config, err)
	}
}

func greet(t *testing.T, greeter *helloworld.Client, msg string) string {
	t.Helper()
	got, err := greeter.Greet(context.Background(), msg)
	if err != nil {
		t.Fatalf("Greeting(%q): %v", msg, err)
	}
	return got
}
