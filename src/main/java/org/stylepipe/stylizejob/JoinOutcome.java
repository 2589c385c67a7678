package org.stylepipe.stylizejob;

import java.io.Serializable;
import org.stylepipe.common.ErrorRow;
import org.stylepipe.output.StylizedRow;
import org.stylepipe.report.TaskPlace;

/**
 * What joining a recording's video did: its manifest row (null if it failed), its error (null if
 * none), how long it took and where it ran.
 */
public record JoinOutcome(StylizedRow row, ErrorRow error, long nanos, TaskPlace place)
    implements Serializable {}
