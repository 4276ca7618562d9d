// Command host is a minimal Go host for the helloworld plugin, built with
// go-plugin's own client: it starts the plugin (AutoMTLS by default), calls
// Init, then Greeting -warmup + -n times from -callers goroutines, and prints
// latency figures as name=value lines for benchmarks.
//
// With -rounds it keeps the plugin open and takes its orders from stdin, one per
// line, so a benchmark can interleave this host's rounds with its own:
//
//	greet MSG               prints "greeting=<answer>"
//	round CALLERS MILLIS    CALLERS goroutines call back to back for MILLIS ms;
//	                        prints "round <calls> <latency ns>..." (one line)
//
// It ends at EOF on stdin.
//
// Usage: host -plugin PATH [-n 10000] [-warmup 1000] [-callers 1] [-config '{"language":"en"}'] [-mtls=true] [-rounds]
package main

import (
	"bufio"
	"context"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"sort"
	"strconv"
	"strings"
	"sync"
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
	rounds := flag.Bool("rounds", false, "after the warm-up, run the rounds ordered on stdin instead of -n calls")
	flag.Parse()
	if *path == "" || *calls < 1 || *warmup < 0 || *callers < 1 || *callers > *calls {
		flag.Usage()
		os.Exit(2)
	}
	if err := run(*path, *calls, *warmup, *callers, []byte(*config), *mtls, *rounds); err != nil {
		fmt.Fprintln(os.Stderr, "host:", err)
		os.Exit(1)
	}
}

func run(path string, calls, warmup, callers int, config []byte, mtls, rounds bool) error {
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
	if rounds {
		return serveRounds(greeter, os.Stdin)
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

// serveRounds runs the orders read from in (see the package comment) until EOF.
func serveRounds(greeter *helloworld.Client, in *os.File) error {
	out := bufio.NewWriter(os.Stdout)
	lines := bufio.NewScanner(in)
	for lines.Scan() {
		order := strings.Fields(lines.Text())
		switch {
		case len(order) == 2 && order[0] == "greet":
			answer, err := greeter.Greet(context.Background(), order[1])
			if err != nil {
				return fmt.Errorf("Greeting: %v", err)
			}
			fmt.Fprintf(out, "greeting=%s\n", answer)
		case len(order) == 3 && order[0] == "round":
			callers, err1 := strconv.Atoi(order[1])
			millis, err2 := strconv.Atoi(order[2])
			if err1 != nil || err2 != nil || callers < 1 || millis < 1 {
				return fmt.Errorf("bad order %q: want round CALLERS MILLIS with positive numbers", lines.Text())
			}
			latencies, err := round(greeter, callers, time.Duration(millis)*time.Millisecond)
			if err != nil {
				return err
			}
			fmt.Fprintf(out, "round %d", len(latencies))
			for _, latency := range latencies {
				fmt.Fprintf(out, " %d", latency.Nanoseconds())
			}
			fmt.Fprintln(out)
		default:
			return fmt.Errorf("bad order %q: want greet MSG or round CALLERS MILLIS", lines.Text())
		}
		if err := out.Flush(); err != nil {
			return err
		}
	}
	return lines.Err()
}

// round lets callers goroutines call back to back for duration and returns every call's latency.
func round(greeter *helloworld.Client, callers int, duration time.Duration) ([]time.Duration, error) {
	end := time.Now().Add(duration)
	perCaller := make([][]time.Duration, callers)
	errs := make([]error, callers)
	var done sync.WaitGroup
	for c := 0; c < callers; c++ {
		done.Add(1)
		go func(c int) {
			defer done.Done()
			for now := time.Now(); now.Before(end); {
				if _, err := greeter.Greet(context.Background(), "world"); err != nil {
					errs[c] = fmt.Errorf("Greeting: %v", err)
					return
				}
				after := time.Now()
				perCaller[c] = append(perCaller[c], after.Sub(now))
				now = after
			}
		}(c)
	}
	done.Wait()
	var all []time.Duration
	for c := 0; c < callers; c++ {
		if errs[c] != nil {
			return nil, errs[c]
		}
		all = append(all, perCaller[c]...)
	}
	return all, nil
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
