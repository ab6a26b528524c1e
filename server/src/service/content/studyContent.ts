// Entry of the lazily loaded study content (see ../lazy.ts): the deck and the exercises.
export { cards } from '../../generated/cards';
export { exercises } from '../../generated/exercises';
