package dev.pnode.sdk;

import com.quorum.plugin.proto.HelloWorld.PluginHelloWorld;
import com.quorum.plugin.proto.PluginGreetingGrpc;
import dev.pnode.api.Handshake;
import io.grpc.stub.StreamObserver;

/**
 * A plugin for the SDK's process tests: Greeting echoes its message after printing it on System.out and
 * System.err and logging it. Arguments are the app protocol versions it speaks.
 */
public final class EchoPlugin {

    static final Handshake HANDSHAKE = new Handshake(1, "PNODE_SDK_TEST_COOKIE", "sdk-test-cookie");
    private static final System.Logger LOG = System.getLogger(EchoPlugin.class.getName());

    private EchoPlugin() {
    }

    public static void main(String[] args) {
        GoPluginServer.Builder server = GoPluginServer.builder(HANDSHAKE);
        for (String version : args) {
            server.appProtocolVersion(Integer.parseInt(version));
        }
        server.addService(new PluginGreetingGrpc.PluginGreetingImplBase() {
            @Override
            public void greeting(PluginHelloWorld.Request request,
                    StreamObserver<PluginHelloWorld.Response> responseObserver) {
                System.out.println("out:" + request.getMsg());
                System.err.println("err:" + request.getMsg());
                LOG.log(System.Logger.Level.INFO, "greeting " + request.getMsg());
                responseObserver.onNext(PluginHelloWorld.Response.newBuilder().setMsg("echo " + request.getMsg())
                        .build());
                responseObserver.onCompleted();
            }
        }).build().serve();
    }
}
