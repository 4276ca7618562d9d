package dev.pnode.sdk;

import io.grpc.Channel;

/**
 * The calls a plugin makes to itself in its class data sharing training run (see {@link ClassDataTraining}): a few
 * typical calls of its own services, so that the classes they load (request and response messages, the plugin's
 * handlers) go into the archive. Keep them free of lasting side effects: the training run serves nobody else.
 */
@FunctionalInterface
public interface TrainingCalls {

    /** @param channel an AutoMTLS channel to the training plugin's own server, as a host would hold it */
    void call(Channel channel) throws Exception;
}
