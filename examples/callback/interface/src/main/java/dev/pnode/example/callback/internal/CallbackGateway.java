package dev.pnode.example.callback.internal;

import dev.pnode.example.callback.CallbackException;
import dev.pnode.example.callback.CallbackGreeter;
import dev.pnode.example.callback.grpc.GreetRequest;
import dev.pnode.example.callback.grpc.GreeterGrpc;
import dev.pnode.api.BrokerException;
import dev.pnode.api.GrpcBroker;
import io.grpc.BindableService;
import io.grpc.Channel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * {@link CallbackGreeter} backed by one plugin process. Every greeting serves the host's values on a fresh broker id
 * (go-plugin hands an id's connection info to the plugin once) for the duration of the call, passes the id in the
 * request and stops serving when the plugin has answered.
 */
final class CallbackGateway implements CallbackGreeter {

    private final GreeterGrpc.GreeterBlockingStub stub;
    private final GrpcBroker broker;
    private final BindableService hostValues;
    private final Duration callTimeout;

    CallbackGateway(Channel channel, GrpcBroker broker, BindableService hostValues, Duration callTimeout) {
        this.stub = GreeterGrpc.newBlockingStub(channel);
        this.broker = Objects.requireNonNull(broker, "broker");
        this.hostValues = Objects.requireNonNull(hostValues, "hostValues");
        this.callTimeout = Objects.requireNonNull(callTimeout, "callTimeout");
    }

    @Override
    public String greet(String name) {
        Objects.requireNonNull(name, "name");
        int id = broker.nextId();
        try (GrpcBroker.BrokeredServer served = broker.acceptAndServe(id, hostValues)) {
            return stub.withDeadlineAfter(callTimeout.toNanos(), TimeUnit.NANOSECONDS)
                    .greet(GreetRequest.newBuilder().setName(name).setHostServiceId(id).build())
                    .getGreeting();
        } catch (BrokerException e) {
            throw new CallbackException("plugin " + CallbackInterface.KEY + ": greet failed: cannot serve the host's "
                    + "values to it: " + e.getMessage(), e);
        } catch (StatusRuntimeException e) {
            throw new CallbackException(describe(e), e);
        }
    }

    /** E.g. {@code plugin callback: greet failed: FAILED_PRECONDITION: the host has no value for "greeting"}. */
    private String describe(StatusRuntimeException failure) {
        Status status = failure.getStatus();
        StringBuilder message = new StringBuilder("plugin ").append(CallbackInterface.KEY)
                .append(": greet failed: ").append(status.getCode());
        if (status.getDescription() != null) {
            message.append(": ").append(status.getDescription());
        }
        if (status.getCode() == Status.Code.DEADLINE_EXCEEDED) {
            message.append(" (call timeout ").append(callTimeout.toMillis()).append(" ms)");
        }
        return message.toString();
    }
}
