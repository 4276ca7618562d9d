package dev.pnode.host.manager;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.reflection.v1.ServerReflectionGrpc;
import io.grpc.reflection.v1.ServerReflectionRequest;
import io.grpc.reflection.v1.ServerReflectionResponse;
import io.grpc.reflection.v1.ServiceResponse;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.StreamObserver;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

/**
 * Asks a freshly started plugin whether it serves the gRPC services its interface needs
 * ({@link dev.pnode.api.PluginInterface#grpcServices()}), so that a wrong plugin under a key fails its start at once,
 * naming what is missing, instead of failing every call later.
 *
 * <p>Plugins say it in one of two ways, and where neither works the plugin is given the benefit of the doubt:
 *
 * <ul>
 *   <li>gRPC server reflection ({@code grpc.reflection.v1}, else {@code v1alpha}: the two speak the same messages)
 *       lists the services: the Java SDK offers v1, recent go-plugin servers register it;</li>
 *   <li>without reflection (older go-plugin, e.g. Debian's 1.0.1, and Quorum plugins built with it), a call of a method
 *       no service has: grpc-go answers {@code UNIMPLEMENTED "unknown service <name>"} only when the service itself
 *       is missing ({@code "unknown method ..."} otherwise), and the call never reaches the plugin's code. Other
 *       servers (grpc-java, grpc-js) answer the same for both, so then nothing can be told.</li>
 * </ul>
 */
final class ServiceCheck {

    static final List<String> REFLECTION_SERVICES = List.of("grpc.reflection.v1.ServerReflection",
            "grpc.reflection.v1alpha.ServerReflection");
    /** A method name no service has; grpc-go's answer to it tells whether the service exists. */
    static final String PROBE_METHOD = "pnode.ServiceCheck.NoSuchMethod";
    /** grpc-go's description of an UNIMPLEMENTED call to a service it does not serve. */
    static final String GO_UNKNOWN_SERVICE = "unknown service ";

    private static final MethodDescriptor.Marshaller<byte[]> BYTES = new MethodDescriptor.Marshaller<>() {
        @Override
        public InputStream stream(byte[] value) {
            return new ByteArrayInputStream(value);
        }

        @Override
        public byte[] parse(InputStream stream) {
            try {
                return stream.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    };

    /**
     * What the check found.
     *
     * @param missing the required services the plugin does not serve, in the interface's order
     * @param served the services the plugin listed through reflection; empty when it offers no reflection
     */
    record Result(List<String> missing, Optional<Set<String>> served) {

        boolean passed() {
            return missing.isEmpty();
        }

        /** Says what is missing and what the plugin serves instead, for the start's error. */
        String describe() {
            String what = missing.size() == 1 ? "gRPC service " + missing.get(0)
                    : "gRPC services " + String.join(", ", missing);
            return "does not serve " + what + served.map(names -> " (it serves " + (names.isEmpty() ? "nothing"
                    : String.join(", ", names)) + ")").orElse(" (it answers: unknown service)");
        }
    }

    private ServiceCheck() {
    }

    /** Checks {@code required} against the plugin behind {@code channel}; each call has {@code deadline}. */
    static Result check(Channel channel, List<String> required, Duration deadline) {
        Optional<Set<String>> listed = Optional.empty();
        for (String reflection : REFLECTION_SERVICES) {
            listed = listServices(channel, reflection, deadline);
            if (listed.isPresent()) {
                break;
            }
        }
        if (listed.isPresent()) {
            Set<String> served = listed.get();
            Set<String> shown = served.stream().filter(name -> !REFLECTION_SERVICES.contains(name))
                    .collect(Collectors.toCollection(TreeSet::new));
            return new Result(required.stream().filter(name -> !served.contains(name)).toList(), Optional.of(shown));
        }
        return new Result(required.stream().filter(name -> unknownToGrpcGo(channel, name, deadline)).toList(),
                Optional.empty());
    }

    /** The services listed by this reflection service; empty when the plugin does not offer it or cannot answer. */
    private static Optional<Set<String>> listServices(Channel channel, String reflectionService, Duration deadline) {
        MethodDescriptor<ServerReflectionRequest, ServerReflectionResponse> method = ServerReflectionGrpc
                .getServerReflectionInfoMethod().toBuilder()
                .setFullMethodName(MethodDescriptor.generateFullMethodName(reflectionService, "ServerReflectionInfo"))
                .build();
        CompletableFuture<ServerReflectionResponse> answer = new CompletableFuture<>();
        StreamObserver<ServerReflectionRequest> requests = ClientCalls.asyncBidiStreamingCall(
                channel.newCall(method, CallOptions.DEFAULT.withDeadlineAfter(deadline.toNanos(), TimeUnit.NANOSECONDS)),
                new StreamObserver<>() {
                    @Override
                    public void onNext(ServerReflectionResponse response) {
                        answer.complete(response);
                    }

                    @Override
                    public void onError(Throwable error) {
                        answer.completeExceptionally(error);
                    }

                    @Override
                    public void onCompleted() {
                        answer.completeExceptionally(Status.INTERNAL.withDescription("no answer").asException());
                    }
                });
        requests.onNext(ServerReflectionRequest.newBuilder().setListServices("").build());
        requests.onCompleted();
        try {
            ServerReflectionResponse response = answer.get(deadline.toNanos() + TimeUnit.SECONDS.toNanos(1),
                    TimeUnit.NANOSECONDS);
            if (!response.hasListServicesResponse()) {
                return Optional.empty();
            }
            return Optional.of(response.getListServicesResponse().getServiceList().stream()
                    .map(ServiceResponse::getName).collect(Collectors.toSet()));
        } catch (ExecutionException | TimeoutException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /** Whether a grpc-go server said it has no such service; any other answer cannot tell. */
    private static boolean unknownToGrpcGo(Channel channel, String service, Duration deadline) {
        MethodDescriptor<byte[], byte[]> probe = MethodDescriptor.<byte[], byte[]>newBuilder()
                .setType(MethodDescriptor.MethodType.UNARY)
                .setFullMethodName(MethodDescriptor.generateFullMethodName(service, PROBE_METHOD))
                .setRequestMarshaller(BYTES).setResponseMarshaller(BYTES).build();
        try {
            ClientCalls.blockingUnaryCall(channel, probe,
                    CallOptions.DEFAULT.withDeadlineAfter(deadline.toNanos(), TimeUnit.NANOSECONDS), new byte[0]);
            return false;
        } catch (StatusRuntimeException e) {
            Status status = e.getStatus();
            return status.getCode() == Status.Code.UNIMPLEMENTED && status.getDescription() != null
                    && status.getDescription().startsWith(GO_UNKNOWN_SERVICE);
        }
    }
}
