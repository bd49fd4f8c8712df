import { z } from 'zod';
import { defineJob, handle } from '../../platform/queue.js';
import type { ImageService } from './images.js';

/** JOB-3 image processing: WebP renditions of an uploaded product image. */
export const processImageJob = defineJob('catalog__process_image', z.object({ imageId: z.uuid() }), {
  title: () => 'Process product image',
  // A corrupt file fails the same way every time: a few tries, then the image is marked failed.
  maxAttempts: 3,
});

export function imageJobHandlers(images: ImageService) {
  return [
    handle(processImageJob, async ({ imageId }, ctx) =>
      images.process(imageId, { finalAttempt: ctx.attempt >= processImageJob.maxAttempts }),
    ),
  ];
}
