package org.stylepipe.stylizejob;

import java.io.Serializable;
import org.stylepipe.output.ErrorRow;
import org.stylepipe.output.StylizedRow;

/** What joining a recording's video did: its manifest row (null if it failed) and its error (null if none). */
public record JoinOutcome(StylizedRow row, ErrorRow error) implements Serializable {}
