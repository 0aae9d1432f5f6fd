export default definePageConfig({
  // The visible title is set at run time in the user's language.
  navigationBarTitleText: '',
})
