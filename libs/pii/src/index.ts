export { PiiCipher } from './lib/pii-cipher';
export { maskPhone, maskPhonesInText } from './lib/mask';
