/** How the phone inputs of the customer pages ask for a number: WeChat's numeric keyboard. The H5 build uses
 * phone-input-props.h5.ts. Spread onto Taro's Input. */
export const PHONE_INPUT_PROPS = { type: 'number' } as const
