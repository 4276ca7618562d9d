package dev.pnode.rpc.jsonrpc;

/**
 * How much one request may ask of the node.
 *
 * @param maxRequestBytes the largest request (an HTTP body, one value on the IPC stream)
 * @param maxDepth the deepest nesting of arrays and objects
 * @param maxBatch the most requests in one batch
 */
public record RequestLimits(int maxRequestBytes, int maxDepth, int maxBatch) {

    /** 5 MiB, 64 levels, 1000 requests per batch. */
    public static final RequestLimits DEFAULT = new RequestLimits(5 * 1024 * 1024, 64, 1000);

    public RequestLimits {
        if (maxRequestBytes < 1 || maxDepth < 1 || maxBatch < 1) {
            throw new IllegalArgumentException("request limits must be positive: " + maxRequestBytes + " bytes, depth "
                    + maxDepth + ", batch " + maxBatch);
        }
    }
}
