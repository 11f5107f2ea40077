package org.homeward.admin.broadcasts;

import org.homeward.core.broadcasts.Broadcasts;
import org.homeward.core.broadcasts.Broadcasts.Broadcast;

/** A line of the broadcasts list (public for the precompiled template); progress is null before sending. */
public record BroadcastLine(Broadcast b, String author, Broadcasts.Progress progress) {}
