/// <reference types="@tarojs/taro" />

declare module '*.css'

declare namespace NodeJS {
  interface ProcessEnv {
    NODE_ENV: 'development' | 'production' | 'test'
    TARO_ENV: 'weapp' | 'h5' | undefined
  }
}

/** Origin of the API for the WeChat package; empty on H5, which calls its own origin. */
declare const API_BASE_URL: string
