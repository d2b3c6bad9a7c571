package com.optaic.jobs.run;

/**
 * The engine work of one resolved run. {@link #execute} writes its output files under the storage root and
 * returns them staged: nothing it writes is visible until the frame's publish step commits the version in the
 * metadata store. It must not write to the metadata store, and running it again after a crash must be safe
 * (files of an unpublished attempt are orphans, never read).
 */
@FunctionalInterface
public interface RunWork {
    StagedResult execute();
}
