// Command host is a minimal Go host for the helloworld plugin, built with
// go-plugin's own client: it starts the plugin (AutoMTLS by default), calls
// Init, then Greeting -warmup + -n times from -callers goroutines, and prints
// latency figures as name=value lines for benchmarks.
//
// Usage: host -plugin PATH [-n 10000] [-warmup 1000] [-callers 1] [-config '{"language":"en"}'] [-mtls=true]
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"sort"
	"time"

	hclog "github.com/hashicorp/go-hclog"
	plugin "github.com/hashicorp/go-plugin"

	"pnode.dev/examples/helloworld-go/helloworld"
)

func main() {
	path := flag.String("plugin", "", "path of the plugin executable")
	calls := flag.Int("n", 10000, "measured Greeting calls")
	warmup := flag.Int("warmup", 1000, "unmeasured Greeting calls before measuring")
	config := flag.String("config", `{"language":"en"}`, "raw configuration sent with Init")
	mtls := flag.Bool("mtls", true, "use go-plugin AutoMTLS")
	callers := flag.Int("callers", 1, "concurrent callers sharing the -n measured calls")
	flag.Parse()
	if *path == "" || *calls < 1 || *warmup < 0 || *callers < 1 || *callers > *calls {
		flag.Usage()
		os.Exit(2)
	}
	if err := run(*path, *calls, *warmup, *callers, []byte(*config), *mtls); err != nil {
		fmt.Fprintln(os.Stderr, "host:", err)
		os.Exit(1)
	}
}

func run(path string, calls, warmup, callers int, config []byte, mtls bool) error {
	started := time.Now()
	client := plugin.NewClient(&plugin.ClientConfig{
		HandshakeConfig:  helloworld.Handshake,
		Plugins:          plugin.PluginSet{helloworld.PluginName: &helloworld.GRPCPlugin{}},
		Cmd:              exec.Command(path),
		AllowedProtocols: []plugin.Protocol{plugin.ProtocolGRPC},
		AutoMTLS:         mtls,
		Logger:           hclog.New(&hclog.LoggerOptions{Name: "host", Level: hclog.Warn, Output: os.Stderr}),
	})
	defer client.Kill()
	rpcClient, err := client.Client()
	if err != nil {
		return fmt.Errorf("starting %s: %v", path, err)
	}
	raw, err := rpcClient.Dispense(helloworld.PluginName)
	if err != nil {
		return err
	}
	greeter := raw.(*helloworld.Client)
	ctx := context.Background()
	if err := greeter.Init(ctx, "go-host", config); err != nil {
		return fmt.Errorf("Init: %v", err)
	}
	startup := time.Since(started)

	for i := 0; i < warmup; i++ {
		if _, err := greeter.Greet(ctx, "world"); err != nil {
			return fmt.Errorf("Greeting: %v", err)
		}
	}
	latencies := make([]time.Duration, calls)
	errs := make(chan error, callers)
	measured := time.Now()
	for c := 0; c < callers; c++ {
		// Caller c measures every callers-th slot, so the slots are shared without locking.
		go func(first int) {
			for i := first; i < calls; i += callers {
				callStarted := time.Now()
				if _, err := greeter.Greet(ctx, "world"); err != nil {
					errs <- fmt.Errorf("Greeting: %v", err)
					return
				}
				latencies[i] = time.Since(callStarted)
			}
			errs <- nil
		}(c)
	}
	for c := 0; c < callers; c++ {
		if err := <-errs; err != nil {
			return err
		}
	}
	elapsed := time.Since(measured)

	sort.Slice(latencies, func(i, j int) bool { return latencies[i] < latencies[j] })
	fmt.Printf("host=go-plugin-1.0.1\nmtls=%t\nstartup_ms=%.1f\ncallers=%d\ncalls=%d\n", mtls, millis(startup), callers, calls)
	for _, p := range []float64{50, 90, 99, 99.9} {
		fmt.Printf("p%g_us=%.1f\n", p, micros(percentile(latencies, p)))
	}
	fmt.Printf("max_us=%.1f\ncalls_per_s=%.0f\n", micros(latencies[len(latencies)-1]), float64(calls)/elapsed.Seconds())
	return nil
}

// percentile returns the nearest-rank percentile p of sorted.
func percentile(sorted []time.Duration, p float64) time.Duration {
	rank := int(p/100*float64(len(sorted))+0.5) - 1
	if rank < 0 {
		rank = 0
	}
	if rank >= len(sorted) {
		rank = len(sorted) - 1
	}
	return sorted[rank]
}

func micros(d time.Duration) float64 { return float64(d) / float64(time.Microsecond) }
func millis(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }
