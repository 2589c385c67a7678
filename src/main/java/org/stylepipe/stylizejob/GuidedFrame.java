package org.stylepipe.stylizejob;

import java.io.Serializable;

/**
 * One frame of a few-shot sequence and its noise guide, as the dataset's manifest lists them.
 *
 * @param number the frame's number in its sequence, from 1
 * @param frameIndex the frame's index in its recording
 * @param ptsUs the frame's presentation time in its recording
 * @param image the frame's image ({@code _gen/input/}), a full URI
 * @param guide the frame's noise guide ({@code _gen/input_gdisko_gauss_.../}), a full URI
 */
public record GuidedFrame(int number, long frameIndex, long ptsUs, String image, String guide)
    implements Serializable {}
