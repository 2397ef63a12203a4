// German-aware keys: what people type finds the street and number the city's data names.
import { describe, expect, it } from 'vitest';
import { houseNumberKey, houseNumberOrder, parseAddressQuery, streetKey, streetPrefixKey } from '../../domain/address-key.ts';

describe('street keys', () => {
  it.each([
    ['Große Bleiche', 'grossebleiche'],
    ['grosse bleiche', 'grossebleiche'],
    ['GROSSE-BLEICHE', 'grossebleiche'],
    ['Breite Straße', 'breitestr'],
    ['Breite Strasse', 'breitestr'],
    ['Breite Str.', 'breitestr'],
    ['breite str', 'breitestr'],
    ['Breitestraße', 'breitestr'],
    ['Kaiser-Wilhelm-Ring', 'kaiserwilhelmring'],
    ['Kaiser Wilhelm Ring', 'kaiserwilhelmring'],
    ['Göttelmannstraße', 'goettelmannstr'],
    ['Goettelmannstr.', 'goettelmannstr'],
    ['Töngesstraße', 'toengesstr'],
    ['Rue de Méziéres', 'ruedemezieres'],
  ])('%s → %s', (typed, key) => expect(streetKey(typed)).toBe(key));

  it('a street being typed finds "straße" from its first letters', () => {
    for (const typed of ['Breite Str', 'Breite Stra', 'Breite Stras', 'Breite Strass', 'Breite Strasse', 'Breite Straß', 'Breite Straße']) {
      expect('breitestr'.startsWith(streetPrefixKey(typed)), typed).toBe(true);
    }
    expect(streetPrefixKey('Große Ble')).toBe('grosseble');
  });
});

describe('house numbers', () => {
  it.each([
    ['12a', '', '12a'],
    ['12 A', '', '12a'],
    ['12-a', '', '12a'],
    ['12', 'a', '12a'],
    ['12', 'A', '12a'],
    ['5 / 1', '', '5/1'],
  ])('%s + %s → %s', (n, add, key) => expect(houseNumberKey(n, add)).toBe(key));

  it('orders by the number, not the text', () => {
    expect(['10', '2a', '2', '1'].sort((a, b) => houseNumberOrder(a) - houseNumberOrder(b) || a.localeCompare(b))).toEqual(['1', '2', '2a', '10']);
  });
});

describe('reading a typed address', () => {
  it.each([
    ['Große Bleiche 12a, 55116 Mainz', { street: 'grossebleiche', number: '12a', postcode: '55116' }],
    ['55116 große bleiche 12 A', { street: 'grossebleiche', number: '12a', postcode: '55116' }],
    ['Breite Str. 20', { street: 'breitestr', number: '20', postcode: null }],
    ['Breite Straße', { street: 'breitestr', number: null, postcode: null }],
    ['Kaiser-Wilhelm-Ring 5/1', { street: 'kaiserwilhelmring', number: '5/1', postcode: null }],
    ['Rheinstraße 99 Mainz', { street: 'rheinstr', number: '99', postcode: null }],
    ['Straße der Republik 3', { street: 'strderrepublik', number: '3', postcode: null }],
  ])('%s', (typed, expected) => expect(parseAddressQuery(typed)).toMatchObject(expected));
});
