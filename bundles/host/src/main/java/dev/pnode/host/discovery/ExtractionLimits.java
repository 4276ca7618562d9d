package dev.pnode.host.discovery;

/**
 * What a plugin zip may contain before it is refused as hostile.
 *
 * @param maxEntries most entries (files and directories)
 * @param maxTotalBytes most bytes written in total, counted while writing, never taken from headers
 * @param maxCompressionRatio most uncompressed bytes per compressed byte of one entry (bombs compress ~1000:1)
 * @param ratioCheckFloor entries smaller than this many bytes are not ratio-checked (tiny text files compress well)
 */
public record ExtractionLimits(int maxEntries, long maxTotalBytes, int maxCompressionRatio, long ratioCheckFloor) {

    public static final ExtractionLimits DEFAULT = new ExtractionLimits(10_000, 512L * 1024 * 1024, 200, 1024 * 1024);
}
