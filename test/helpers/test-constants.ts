/** The data key every test app encrypts with. */
export const TEST_KEY = Buffer.alloc(32, 7);
/** Every test app's clock starts here: a Monday morning in Beijing. */
export const START = new Date('2026-03-02T01:30:00.000Z');
