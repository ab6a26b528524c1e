import * as assert from 'assert';
import { indexWithin } from '../../server/src/service/text';

describe('indexWithin (a search that stays inside one instruction)', () => {
  const text = 'RUN echo a\nRUN echo $B <<E\n';
  it('finds a needle that lies wholly in the range, at either edge', () => {
    assert.strictEqual(indexWithin(text, 'RUN', 0, 10), 0);
    assert.strictEqual(indexWithin(text, 'a', 0, 10), 9);
    assert.strictEqual(indexWithin(text, '$', 11, 27), text.indexOf('$'));
    assert.strictEqual(indexWithin(text, '<<', 11, 27), text.indexOf('<<'));
  });
  it('ignores what lies past the range, or straddles its end, or comes before it', () => {
    assert.strictEqual(indexWithin(text, '$', 0, 10), -1);
    assert.strictEqual(indexWithin(text, '<<', 11, text.indexOf('<<') + 1), -1);
    assert.strictEqual(indexWithin(text, 'RUN', 1, 10), -1);
  });
  it('copes with ranges outside the text', () => {
    assert.strictEqual(indexWithin(text, 'E', -5, 1000), text.indexOf('E'));
    assert.strictEqual(indexWithin(text, 'x', 20, 10), -1);
    assert.strictEqual(indexWithin('', '$', 0, 5), -1);
  });
});
