package helloworld

import (
	"context"
	"fmt"
	"sync"

	hclog "github.com/hashicorp/go-hclog"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	"pnode.dev/examples/helloworld-go/quorum/proto"
	"pnode.dev/examples/helloworld-go/quorum/proto_common"
)

// Greeter serves both Quorum services of the helloworld interface. It greets
// only after a successful Init; a later Init may change the language.
type Greeter struct {
	logger hclog.Logger

	mu       sync.RWMutex
	greeting string // empty until Init succeeded
}

// NewGreeter returns an uninitialised Greeter logging to logger.
func NewGreeter(logger hclog.Logger) *Greeter {
	return &Greeter{logger: logger}
}

// Init implements proto_common.PluginInitializerServer.
func (g *Greeter) Init(_ context.Context, req *proto_common.PluginInitialization_Request) (*proto_common.PluginInitialization_Response, error) {
	cfg, err := parseConfig(req.GetRawConfiguration())
	if err != nil {
		g.logger.Error("refusing configuration", "host", req.GetHostIdentity(), "error", err)
		return nil, status.Error(codes.InvalidArgument, err.Error())
	}
	g.mu.Lock()
	g.greeting = greetings[cfg.Language]
	g.mu.Unlock()
	g.logger.Info("initialized", "host", req.GetHostIdentity(), "language", cfg.Language)
	return &proto_common.PluginInitialization_Response{}, nil
}

// Greeting implements proto.PluginGreetingServer.
func (g *Greeter) Greeting(_ context.Context, req *proto.PluginHelloWorld_Request) (*proto.PluginHelloWorld_Response, error) {
	g.mu.RLock()
	greeting := g.greeting
	g.mu.RUnlock()
	if greeting == "" {
		return nil, status.Error(codes.FailedPrecondition, "plugin is not initialized: call proto_common.PluginInitializer/Init first")
	}
	return &proto.PluginHelloWorld_Response{Msg: fmt.Sprintf("%s %s!", greeting, req.GetMsg())}, nil
}
