/**
 * Console progress of the jobs' segment stages: {@link org.stylepipe.progress.ProgressBoard} (the
 * core: lines per recording from task events, without Spark) and {@link
 * org.stylepipe.progress.StageProgress} (the driver's Spark listener that feeds it).
 */
package org.stylepipe.progress;
