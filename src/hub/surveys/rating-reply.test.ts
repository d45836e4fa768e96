import { describe, expect, it } from 'vitest';
import { parseRatingReply } from './rating-reply';

describe('a rating typed as a reply', () => {
  it('reads a digit alone, with a comment, and in full-width', () => {
    expect(parseRatingReply('2')).toEqual({ rating: 2, comment: '' });
    expect(parseRatingReply(' 4 quick answer ')).toEqual({ rating: 4, comment: 'quick answer' });
    expect(parseRatingReply('５分，很满意')).toEqual({ rating: 5, comment: '很满意' });
    expect(parseRatingReply('1：太慢了')).toEqual({ rating: 1, comment: '太慢了' });
  });

  it('leaves ordinary messages alone', () => {
    expect(parseRatingReply('12345 is my order')).toBeNull();
    expect(parseRatingReply('6')).toBeNull();
    expect(parseRatingReply('0')).toBeNull();
    expect(parseRatingReply('hello')).toBeNull();
    expect(parseRatingReply('我的订单 2 号到了吗')).toBeNull();
  });
});
